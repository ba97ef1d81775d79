// libFuzzer target: the one-pass walk over a streamed `docker save` export
// (what docker:// reads from the engine) on arbitrary bytes, in chunks the
// first byte picks: members told apart by their bytes, links between
// members, layers placed at the end, every analyzer subscribed. Bad input
// is an InputError (exit 2), never a crash, a hang or unbounded memory.
#include <cstddef>
#include <cstdint>

#include "core/error.h"
#include "image/analyzer.h"
#include "image/walk.h"

namespace {
struct Null : dd::image::FindingSink {
  void add(dd::Finding) override {}
  void add_package(dd::image::Package) override {}
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dd::image;
  if (size < 1) return 0;
  static std::vector<std::unique_ptr<Analyzer>> as = [] {
    std::vector<std::unique_ptr<Analyzer>> v;
    for (auto& a : analyzers()) v.push_back(a.make());
    return v;
  }();
  static const WalkPlan plan(as);
  const size_t chunk = 1 + data[0] % 997;
  const char* p = reinterpret_cast<const char*>(data) + 1;
  const size_t n = size - 1;
  Null sink;
  WalkLimits lim;
  lim.bomb_min = 16 << 20;
  lim.max_entries = 100000;
  Options opt;
  try {
    auto w = walk_export("fuzz", [&](const ByteSink& s) {
      for (size_t o = 0; o < n; o += chunk)
        if (!s({p + o, std::min(chunk, n - o)})) return;
    }, opt, as, sink, {}, lim, &plan);
    (void)w.walk.fs->list("/");
  } catch (const dd::InputError&) {
  }
  return 0;
}
