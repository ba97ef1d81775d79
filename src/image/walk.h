#pragma once
// The one streaming walk over an image's layers: each layer blob is read
// once (pread, 1 MiB at a time), its digest checked while streaming, decoded
// (isa-l / zstd) and parsed as tar by the push reader; independent layers
// are decoded in parallel, one thread per layer up to the core count. Every
// entry is tested once against ONE matcher built from every analyzer's
// patterns (RE2::Set) and handed to the subscribers with its contents as a
// stream. Nothing is written to disk; no layer is held in memory: only the
// entries' metadata, and the contents analyzers asked to retain (bounded).
// The layers are then applied in order (whiteouts, opaque dirs, hard links)
// into the merged filesystem (MergedFs) with per-layer added / changed /
// deleted counts and the bytes each layer lost to later ones, counted once.
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "image/analyzer.h"
#include "image/fs_view.h"
#include "image/source.h"

namespace dd::image {

class MergedFs : public FsView {
 public:
  struct Node {
    FileStat st;
    std::shared_ptr<const std::string> content;  // retained contents
  };
  std::optional<FileStat> stat(std::string_view path) const override;
  std::optional<std::string> readlink(std::string_view path) const override;
  std::vector<std::string> list(std::string_view dir) const override;
  std::optional<std::string> resolve(std::string_view path, bool follow_symlinks = true) const override;
  std::optional<std::string> read(std::string_view path, size_t max_bytes = 1 << 20) const override;
  void for_each(std::string_view dir, const std::function<void(const std::string&, const FileStat&)>& f) const override;

  // Keyed by absolute clean path; "/" is not stored.
  std::map<std::string, Node, std::less<>> nodes;
};

// Problems of single layers, for the integrity findings.
struct LayerIssue {
  int layer = 0;
  enum Kind { digest_mismatch, unreadable, bomb, unsafe_path, missing_link_target } kind;
  std::string detail;  // path or message; never file contents
};

struct WalkResult {
  std::unique_ptr<MergedFs> fs;
  std::vector<LayerIssue> issues;
  uint64_t total_bytes = 0;   // regular file bytes over all layers
  uint64_t final_bytes = 0;   // in the merged filesystem
  uint64_t wasted_bytes = 0;  // overwritten or deleted by a later layer, each copy once
  double efficiency = 1.0;    // final / total
};

// Limits of the walk (hostile images).
struct WalkLimits {
  uint64_t bomb_ratio = 200;          // uncompressed:compressed beyond which...
  uint64_t bomb_min = 1ull << 30;     // ...and beyond this many bytes, a layer is a bomb
  uint64_t max_entries = 4'000'000;   // per layer
  size_t max_depth = 512;             // path components
};

// The one path matcher of a set of analyzers (RE2::Set of their patterns and
// retains), compiled once: a caller that walks many images with the same
// analyzers (the fuzz target) builds it once and passes it to walk().
class WalkPlan {
 public:
  struct Matcher;
  explicit WalkPlan(const std::vector<std::unique_ptr<Analyzer>>& analyzers);
  ~WalkPlan();
  WalkPlan(WalkPlan&&) = delete;
  const Matcher& matcher() const { return *m_; }

 private:
  std::unique_ptr<Matcher> m_;
};

// Runs every analyzer over the image. Analyzer findings go to `out`.
// `plan`, when given, was built from these same analyzers.
WalkResult walk(OpenedImage& img, std::vector<std::unique_ptr<Analyzer>>& analyzers, FindingSink& out,
                const WalkLimits& limits = {}, const WalkPlan* plan = nullptr);

// One source opened and walked in one call. Files and layouts: open_image()
// then walk(), layers read with pread, in parallel. docker://NAME: the
// engine's export (GET /images/{name}/get) is read once, as it arrives,
// through walk_export(): nothing is copied to disk. `prepare` runs once the
// model is known (config, history, layers) and before the analyzers'
// finish(): --dockerfile ties layers to instructions there.
struct WalkedImage {
  ImageModel model;
  WalkResult walk;
};
using Prepare = std::function<void(ImageModel&)>;
WalkedImage open_and_walk(const std::string& source, const Options& opt,
                          std::vector<std::unique_ptr<Analyzer>>& analyzers, FindingSink& out,
                          const Prepare& prepare = {}, const WalkLimits& limits = {}, const WalkPlan* plan = nullptr);

// The one-pass walk over a `docker save` stream, legacy or OCI layout: each
// layer is decoded, hashed and handed to the analyzers as its bytes come,
// its place in the image known only at the end, from manifest.json (which
// the engine writes last); the layers are then merged in order. Small
// members (manifests, configs) are kept in memory, bounded; a layer that is
// in the image twice (docker save links the second copy to the first) is
// merged twice from what the first reading kept. `produce` calls its
// argument with the stream's bytes, in order, until that returns false or
// the stream ends; `name` names the source in messages; `total` (0:
// unknown) scales the progress bar. analyzers' start() sees an empty model.
using ByteSink = std::function<bool(std::string_view)>;
WalkedImage walk_export(const std::string& name, const std::function<void(const ByteSink&)>& produce,
                        const Options& opt, std::vector<std::unique_ptr<Analyzer>>& analyzers, FindingSink& out,
                        const Prepare& prepare = {}, const WalkLimits& limits = {}, const WalkPlan* plan = nullptr,
                        uint64_t total = 0);

// Glob (see analyzer.h) to an RE2 regexp, anchored.
std::string glob_to_regex(std::string_view glob);
// "./a/../b" -> "/b"; sets *escaped when a ".." tried to leave the root.
std::string clean_abs(std::string_view name, bool* escaped = nullptr);

}  // namespace dd::image
