// The knowledge layer's text readers on arbitrary input: image references
// through the dated end-of-life verdict, dates, heap flags, credential file
// and variable names, the runtime of an image and a program.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "knowledge/clock.h"
#include "knowledge/credentials.h"
#include "knowledge/eol.h"
#include "knowledge/heap.h"
#include "knowledge/images.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto d = dd::kb::Date::parse(text.substr(0, 10));
  // A date that parses prints back as itself.
  if (d && text.size() >= 10 && !(dd::kb::Date::parse(d->str()) == d)) std::abort();
  dd::kb::Date today = d.value_or(dd::kb::Date{2026, 12, 2});
  size_t nl = text.find('\n');
  std::string_view first = text.substr(0, nl);
  std::string_view rest = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  auto ref = dd::kb::parse_image(first);
  if (auto v = dd::kb::eol_verdict(ref, today)) (void)v->upgrade.size();
  (void)dd::kb::eol_verdict(first, rest, today);
  (void)dd::kb::runtime_kind(ref, rest);
  (void)dd::kb::heap_flags(text);
  if (const auto* f = dd::kb::secret_file(first)) (void)dd::kb::secret_contents_confirm(*f, rest);
  (void)dd::kb::is_secret_file_name(first);
  (void)dd::kb::is_secret_name(first);
  return 0;
}
