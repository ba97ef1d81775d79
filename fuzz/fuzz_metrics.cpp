// The metrics readers (Prometheus query_range JSON, CSV) and the analysis
// on whatever they accept: an InputError is the only allowed failure. The
// JSON is read twice, with the fast path over plain points and without it:
// both give the same series or the same error, else the target aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "core/error.h"
#include "metrics/analyze.h"
#include "metrics/series.h"

namespace {

// The series, or the error's message.
std::string read_json(const std::string& text, bool fast, std::vector<dd::metrics::Series>& out) {
  dd::metrics::ReadOptions o;
  o.fast_points = fast;
  try {
    std::istringstream in(text);
    out = dd::metrics::read_prometheus(in, "fuzz", o);
    return "";
  } catch (const dd::InputError& e) {
    return e.what();
  }
}

bool same(const std::vector<dd::metrics::Series>& a, const std::vector<dd::metrics::Series>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].key != b[i].key || a[i].metric != b[i].metric || a[i].rate != b[i].rate || a[i].t != b[i].t || a[i].v != b[i].v)
      return false;
  return true;
}

void analyse(std::vector<dd::metrics::Series> s) {
  try {
    auto cs = dd::metrics::analyze(std::move(s), {std::optional<double>(1 << 30), std::optional<double>(1.0)});
    dd::metrics::findings(cs);
  } catch (const dd::InputError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<dd::metrics::Series> fast, general;
  std::string ef = read_json(text, true, fast), eg = read_json(text, false, general);
  if (ef != eg || !same(fast, general)) std::abort();  // the fast path read something else
  if (ef.empty()) analyse(std::move(fast));
  try {
    std::istringstream in(text);
    analyse(dd::metrics::read_csv(in, "fuzz", {}));
  } catch (const dd::InputError&) {
  }
  return 0;
}
