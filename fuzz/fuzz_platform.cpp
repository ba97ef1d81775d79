// libFuzzer target: platform strings (--platform, `platform:` in the config,
// FROM --platform after expansion). Parsing never throws, a parsed platform
// prints as something that parses back to itself, and matching is reflexive.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/image_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto list = dd::parse_platforms(in);
  if (!list) return 0;
  for (const auto& p : *list) {
    auto again = dd::Platform::parse(p.str());
    if (!again || !(*again == p)) std::abort();
    if (!p.runs_as(p)) std::abort();
    for (const auto& q : *list) (void)p.runs_as(q);
  }
  return 0;
}
