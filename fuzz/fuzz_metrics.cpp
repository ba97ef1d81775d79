// The metrics readers (Prometheus query_range JSON, CSV) and the analysis
// on whatever they accept: an InputError is the only allowed failure.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "core/error.h"
#include "metrics/analyze.h"
#include "metrics/series.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (int csv = 0; csv < 2; ++csv) {
    try {
      std::istringstream in(text);
      auto s = csv ? dd::metrics::read_csv(in, "fuzz", {}) : dd::metrics::read_prometheus(in, "fuzz", {});
      auto cs = dd::metrics::analyze(std::move(s), {std::optional<double>(1 << 30), std::optional<double>(1.0)});
      dd::metrics::findings(cs);
    } catch (const dd::InputError&) {
    }
  }
  return 0;
}
