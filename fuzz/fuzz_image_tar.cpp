// libFuzzer target: the push tar reader and the layer walk (whiteouts,
// links, PAX/GNU records, every image analyzer subscribed) on arbitrary
// layer bytes, plain or compressed, never crash, hang or grow without bound.
// The layer lives in a memfd: nothing touches the disk.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

#include "image/analyzer.h"
#include "image/tar.h"
#include "image/walk.h"

namespace {
struct Null : dd::image::FindingSink {
  void add(dd::Finding) override {}
  void add_package(dd::image::Package) override {}
};
struct Count : dd::image::TarHandler {
  bool entry(const dd::image::TarEntry&) override { return true; }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dd::image;
  if (size < 1) return 0;
  // The bare tar reader, in chunks the first byte picks.
  {
    Count h;
    TarParser p(h);
    size_t chunk = 1 + data[0] % 613;
    try {
      for (size_t o = 1; o < size; o += chunk) p.feed({reinterpret_cast<const char*>(data) + o, std::min(chunk, size - o)});
    } catch (const TarError&) {
    }
  }
  int fd = memfd_create("layer", 0);
  if (fd < 0) return 0;
  if (write(fd, data + 1, size - 1) != ssize_t(size - 1)) {
    close(fd);
    return 0;
  }
  auto f = std::make_shared<File>();
  f->fd = fd;
  f->name = "fuzz";
  f->size = size - 1;
  OpenedImage img;
  Layer L;
  img.model.layers.push_back(L);
  img.model.layers.push_back(L);
  img.model.layers[1].index = 1;
  LayerBlob lb;
  lb.blob = Blob{f, 0, f->size, "layer"};
  img.layers.push_back(lb);
  img.layers.push_back(lb);  // the same layer twice: whiteouts apply over it
  // The analyzers keep their state in their per-layer scans: built once,
  // with the walk's matcher, not per input.
  static std::vector<std::unique_ptr<Analyzer>> as = [] {
    std::vector<std::unique_ptr<Analyzer>> v;
    for (auto& a : analyzers()) v.push_back(a.make());
    return v;
  }();
  static const WalkPlan plan(as);
  Null sink;
  WalkLimits lim;
  lim.bomb_min = 16 << 20;
  lim.max_entries = 100000;
  auto res = walk(img, as, sink, lim, &plan);
  (void)res.fs->resolve("/a/b/c");
  (void)res.fs->list("/");
  return 0;
}
