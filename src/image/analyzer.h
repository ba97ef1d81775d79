#pragma once
// The subscription API of the image walk. An analyzer names the paths it
// wants (globs), receives every matching entry of every layer with its
// contents as a stream, and reports at the end against the model and the
// merged filesystem. Adding an analyzer is one file with DD_IMAGE_ANALYZER:
// the walk never changes.
//
// Patterns: globs on the absolute clean path of an entry ("/etc/passwd",
// "/usr/bin/*", "**/site-packages/*.dist-info/METADATA", "**/.git/**"):
// `*` and `?` stay inside one component, `**` spans any number of them
// (`/**/x` also matches `/x`), `[...]` is a class, `{a,b}` alternatives.
// The walk compiles the patterns of every analyzer into ONE matcher (one
// RE2::Set) per walk and tests each tar entry once against it. "**" alone
// subscribes to every entry.
//
// THREADING CONTRACT
//  - start() runs once, on the calling thread, before any layer is read.
//  - Layers are decoded in parallel, one thread per layer (up to the core
//    count). For each layer the walk calls begin_layer(i) once, then the
//    returned LayerScan's callbacks, all from that layer's one thread, in
//    tar order. LayerScans of DIFFERENT layers run CONCURRENTLY: keep the
//    state of a layer in its LayerScan and do not touch the Analyzer's own
//    members from it (or lock them).
//  - judge_inventory() runs after every finish(), with every package found.
//  - finish() runs once, on the calling thread, after every layer: it gets
//    the LayerScans back, indexed by layer (bottom first), to merge in
//    layer order, with the model (sizes and changes filled) and the merged
//    FsView.
//  - Whether an entry is later deleted or overwritten is not known while
//    its layer is read (upper layers may be read at the same time, and a
//    streamed export gives a layer's place only at its end): in finish(),
//    the LayerScan's index in the vector is its layer, and
//    fs.stat(path)->layer says which layer's version survived (none:
//    deleted). start() sees an empty model for a streamed export.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "image/fs_view.h"
#include "image/model.h"

namespace dd::image {

// One tar entry of one layer, after path cleaning and whiteout decoding.
struct Entry {
  std::string path;  // absolute, clean: "/etc/passwd"
  FileType type = FileType::regular;
  uint64_t size = 0;  // bytes of content (regular files)
  uint32_t mode = 0;
  uint32_t uid = 0, gid = 0;
  std::string link_target;  // symlink target as stored; hard link: absolute target path
  int64_t mtime = 0;
  // The layer's slot: its index in ImageModel::layers for files, its
  // arrival order for an export read once (docker://), whose layers are
  // placed only at the end. In finish(), a LayerScan's place in the vector
  // is the layer's index: use that.
  int layer = 0;
  // A whiteout: this layer deletes `path` (".wh.NAME"), or, with opaque,
  // every lower-layer entry under the directory `path` (".wh..wh..opq").
  // Whiteouts reach on_delete(), never on_file().
  bool opaque = false;
};

// Receives the contents of one regular file, in order, in chunks of at most
// a few hundred KB. Spans are valid only during the call. Returning false
// from data() stops the delivery for this file (end() is still called).
// end() is called exactly once, also when the layer is cut short (then
// complete is false).
class FileSink {
 public:
  virtual ~FileSink() = default;
  virtual bool data(std::span<const char> chunk) = 0;
  virtual void end(bool complete) = 0;
};

// A package found in the image (filled by the inventory analyzers).
struct Package {
  std::string type;       // deb, apk, rpm, pypi, npm, golang, maven
  std::string name;
  std::string version;
  std::string source_name;     // dpkg Source:, apk origin, rpm SOURCERPM name
  std::string source_version;
  std::string license;
  std::string purl;            // pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12
  std::string path;            // the database or manifest it came from
  int layer = -1;              // the layer that installed it (when known)
  std::string arch;
};

// Where analyzers put what they find. Findings go through the Report (its
// config, severities, ignores); packages to the inventory. Called only from
// finish() (single thread).
class FindingSink {
 public:
  virtual ~FindingSink() = default;
  virtual void add(Finding f) = 0;
  virtual void add_package(Package p) = 0;
};

// The per-layer state of an analyzer. on_file() returns the sink for the
// entry's contents, or nullptr when it does not want them (metadata only).
// The sink it returns must stay valid until its end() and belongs to the
// LayerScan.
class LayerScan {
 public:
  virtual ~LayerScan() = default;
  virtual FileSink* on_file(const Entry& e) { (void)e; return nullptr; }
  virtual void on_delete(const Entry& e) { (void)e; }
  // Called once after the layer's last entry (complete=false when the layer
  // was truncated or corrupt).
  virtual void end_layer(bool complete) { (void)complete; }
};

// Contents the walk keeps for FsView::read(): files matching `pattern` in
// the FINAL filesystem, up to max_bytes each (longer files are kept cut).
struct Retain {
  std::string pattern;
  size_t max_bytes = 1 << 20;
};

class Analyzer {
 public:
  virtual ~Analyzer() = default;
  virtual std::string_view name() const = 0;
  // Globs this analyzer subscribes to (see the top of the file).
  virtual std::vector<std::string> patterns() const = 0;
  // Files whose final contents finish() wants through FsView::read().
  virtual std::vector<Retain> retain() const { return {}; }
  // Once, before the walk; the model has config, history and layer list.
  virtual void start(const ImageModel& model) { (void)model; }
  // Once per layer, from that layer's thread.
  virtual std::unique_ptr<LayerScan> begin_layer(int layer) = 0;
  // Once, after the walk. layers[i] is what begin_layer(i) returned.
  virtual void finish(const ImageModel& model, const FsView& fs, std::vector<std::unique_ptr<LayerScan>>& layers,
                      FindingSink& out) = 0;
  // Once, after every analyzer's finish(), on the calling thread: the whole
  // package inventory (every add_package of the walk), for checks that judge
  // the packages (build tools from the dpkg/apk/rpm databases).
  virtual void judge_inventory(const ImageModel& model, const FsView& fs, const std::vector<Package>& packages,
                               FindingSink& out) {
    (void)model, (void)fs, (void)packages, (void)out;
  }
};

// The registry: one factory per analyzer, each walk makes fresh instances.
using AnalyzerFactory = std::function<std::unique_ptr<Analyzer>()>;
struct AnalyzerInfo {
  std::string name;
  AnalyzerFactory make;
};
std::vector<AnalyzerInfo>& analyzers();

template <class T>
struct AnalyzerRegistrar {
  explicit AnalyzerRegistrar(const char* name) {
    analyzers().push_back({name, [] { return std::unique_ptr<Analyzer>(new T()); }});
  }
};

#define DD_IMAGE_ANALYZER(Class) static ::dd::image::AnalyzerRegistrar<Class> dd_image_register_##Class(#Class);

// Helper for a LayerScan that collects a file whole, bounded: appends up to
// `max` bytes to `buf` and reports whether it was cut.
class BufferSink : public FileSink {
 public:
  explicit BufferSink(size_t max = 1 << 20) : max_(max) {}
  bool data(std::span<const char> chunk) override {
    size_t room = max_ > buf_.size() ? max_ - buf_.size() : 0;
    buf_.append(chunk.data(), std::min(room, chunk.size()));
    if (chunk.size() > room) cut_ = true;
    return !cut_;
  }
  void end(bool complete) override {
    complete_ = complete;
    if (done_) done_(*this);
  }
  void on_end(std::function<void(BufferSink&)> f) { done_ = std::move(f); }
  void reset() { buf_.clear(); cut_ = false; complete_ = false; }
  std::string& contents() { return buf_; }
  bool cut() const { return cut_; }
  bool complete() const { return complete_; }

 private:
  size_t max_;
  std::string buf_;
  bool cut_ = false, complete_ = false;
  std::function<void(BufferSink&)> done_;
};

}  // namespace dd::image
