#include "image/local_store.h"

#include "core/error.h"
#include "engine/image_store.h"
#include "image/source.h"
#include "image/walk.h"

namespace dd::image {
namespace {

// Keeps the small files the Dockerfile rules read; subscribes to nothing
// else (the merged filesystem has every path's metadata anyway).
class BaseFiles : public Analyzer {
 public:
  std::string_view name() const override { return "local-base"; }
  std::vector<std::string> patterns() const override { return {}; }
  std::vector<Retain> retain() const override {
    std::vector<Retain> r;
    for (const auto& g : kept_files()) r.push_back({g, 1 << 20});
    return r;
  }
  std::unique_ptr<LayerScan> begin_layer(int) override { return nullptr; }
  void finish(const ImageModel&, const FsView&, std::vector<std::unique_ptr<LayerScan>>&, FindingSink&) override {}
};

struct Discard : FindingSink {
  void add(Finding) override {}
  void add_package(Package) override {}
};

}  // namespace

const std::vector<std::string>& kept_files() {
  static const std::vector<std::string> files = {"/etc/passwd", "/etc/group", "/etc/os-release",
                                                 "/usr/lib/os-release"};
  return files;
}

WalkImageStore::WalkImageStore(std::shared_ptr<ImageStore> engine) : engine_(std::move(engine)) {}

std::optional<LocalImage> WalkImageStore::find(const std::string& ref) { return engine_->find(ref); }

Platform WalkImageStore::host() { return engine_->host(); }

std::shared_ptr<const FsView> WalkImageStore::view(const std::string& ref) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = views_.find(ref); it != views_.end()) return it->second;
  std::shared_ptr<const FsView> fs;
  if (auto image = engine_->find(ref)) {
    try {
      Options opt;
      // The image the engine resolved `ref` to, by id: a tag moved meanwhile
      // cannot give another image's files.
      std::vector<std::unique_ptr<Analyzer>> analyzers;
      analyzers.push_back(std::make_unique<BaseFiles>());
      Discard sink;
      WalkedImage w = open_and_walk("docker://" + (image->id.empty() ? ref : image->id), opt, analyzers, sink);
      ++walks_;
      bool whole = true;
      for (const auto& L : w.model.layers) whole = whole && L.error.empty();
      if (whole) fs = std::shared_ptr<const FsView>(std::move(w.walk.fs));
    } catch (const InputError&) {
      // The engine could not export it: the files stay unknown, the rules guess.
    }
  }
  views_[ref] = fs;
  return fs;
}

std::optional<bool> WalkImageStore::has_path(const std::string& ref, const std::string& path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  auto fs = view(ref);
  if (!fs) return std::nullopt;
  // A symlink counts, dangling or not: resolve the folders, not the name.
  auto at = fs->resolve(path, false);
  return at && fs->stat(*at).has_value();
}

std::optional<std::string> WalkImageStore::read_file(const std::string& ref, const std::string& path, size_t max) {
  auto fs = view(ref);
  if (!fs) return std::nullopt;
  return fs->read(path, max);
}

std::shared_ptr<ImageStore> local_image_store() {
  static std::shared_ptr<ImageStore> store = std::make_shared<WalkImageStore>(engine::local_image_store());
  return store;
}

}  // namespace dd::image
