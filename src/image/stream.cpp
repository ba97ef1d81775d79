// The one-pass walk over a `docker save` stream (docker://NAME from the
// engine, without a copy on disk). The engine writes the archive in name
// order: in the legacy layout the layer folders (<id>/VERSION, json,
// layer.tar), the config <hex>.json among them, manifest.json last; in the
// OCI layout of Docker 25+ blobs/sha256/... first, index.json and
// manifest.json after. So a layer's place is unknown while it is read:
// each layer gets an arrival slot, is decoded, hashed and scanned as it
// comes, and keeps only what the merge needs (entry metadata, retained
// contents) and what the analyzers' LayerScans hold. At the end the
// manifest maps slots onto layers, the digests are checked, and the layers
// are merged in order like those of a file.
#include <algorithm>
#include <cstring>
#include <deque>
#include <optional>

#include "core/error.h"
#include "engine/client.h"
#include "image/source.h"
#include "image/tar.h"
#include "image/walk.h"
#include "image/walk_internal.h"

namespace dd::image {
namespace {

constexpr size_t kHead = 512;                  // bytes looked at to tell a layer from a file
constexpr uint64_t kMaxMember = 16 << 20;      // a manifest or config kept in memory
constexpr uint64_t kMaxKept = 64 << 20;        // all of them together
constexpr uint64_t kMaxMembers = 100'000;      // an export has a few per layer

// A tar header block: checksummed, and not the zero block of an archive's end.
bool tar_header(std::string_view b) {
  return b.size() >= 512 && header_checksum_ok(b.data()) &&
         std::any_of(b.begin(), b.begin() + 512, [](char c) { return c != 0; });
}

class ExportHandler : public TarHandler {
 public:
  ExportHandler(const WalkPlan::Matcher& m, std::vector<std::unique_ptr<Analyzer>>& analyzers, const WalkLimits& lim,
                std::atomic<uint64_t>& progress)
      : m_(m), analyzers_(analyzers), lim_(lim), progress_(progress) {}

  bool entry(const TarEntry& e) override {
    end_member();
    if (++count_ > kMaxMembers)
      throw TarError("more than " + std::to_string(kMaxMembers) + " members: not an image export");
    name_ = member_name(e.name);
    if (std::string l = member_link(e); !l.empty()) {
      members[name_].link = std::move(l);
      return false;
    }
    if (e.type != '0' && e.type != '7') return false;
    size_ = e.size;
    head_.clear();
    if (size_ == 0) {
      keep(std::string());
      kind_ = Kind::none;
      return false;
    }
    kind_ = Kind::undecided;
    return true;
  }

  bool data(std::span<const char> c) override {
    progress_ += c.size();
    if (kind_ == Kind::undecided) {
      size_t need = size_t(std::min<uint64_t>(size_, kHead));
      size_t take = std::min(c.size(), need - head_.size());
      head_.append(c.data(), take);
      c = c.subspan(take);
      if (head_.size() < need) return true;
      decide();
      if (kind_ == Kind::layer) reader_->feed({head_.data(), head_.size()});
      else if (kind_ == Kind::file) buf_ = std::move(head_);
      head_.clear();
    }
    if (c.empty()) return true;
    switch (kind_) {
      case Kind::layer: reader_->feed(c); return !reader_->failed();
      case Kind::file: buf_.append(c.data(), c.size()); return true;
      default: return false;
    }
  }

  void entry_end() override {
    if (kind_ == Kind::layer) {
      reader_->finish();
      reader_.reset();
      members[name_].slot = slot_;
    } else if (kind_ == Kind::file) {
      keep(std::move(buf_));
    }
    buf_.clear();
    kind_ = Kind::none;
  }

  // The stream ended inside a member.
  void cut() {
    if (reader_) {
      reader_->fail("the export is cut short inside this layer");
      reader_->finish();
      reader_.reset();
      members[name_].slot = slot_;
    }
    kind_ = Kind::none;
  }

  std::map<std::string, StreamMember> members;
  std::deque<detail::LayerOut> outs;                            // by slot
  std::vector<std::vector<std::unique_ptr<LayerScan>>> scans;  // [slot][analyzer]

 private:
  enum class Kind { none, undecided, layer, file, skipped };

  void end_member() {
    if (kind_ != Kind::none) entry_end();
  }
  void keep(std::string bytes) {
    StreamMember& sm = members[name_];
    sm.size = bytes.size();
    sm.data = std::make_shared<const std::string>(std::move(bytes));
  }
  // A layer: named so, compressed, or a tar; else a file kept in memory
  // (manifests, configs, VERSION), bounded.
  void decide() {
    Codec codec = sniff_codec({reinterpret_cast<const unsigned char*>(head_.data()), head_.size()});
    bool layer = name_.ends_with("/layer.tar") || name_ == "layer.tar" || codec != Codec::none || tar_header(head_);
    if (layer) {
      kind_ = Kind::layer;
      slot_ = int(outs.size());
      outs.emplace_back();
      scans.emplace_back(analyzers_.size());
      std::vector<LayerScan*> ls(analyzers_.size());
      for (size_t a = 0; a < analyzers_.size(); ++a) {
        scans.back()[a] = analyzers_[a]->begin_layer(slot_);
        ls[a] = scans.back()[a].get();
      }
      // The blob's digest is always taken: its expected value is known only
      // at the end. A compressed legacy layer.tar is checked by its diff_id.
      bool hash_tar = codec != Codec::none && name_.rfind("blobs/", 0) != 0;
      reader_ = std::make_unique<detail::LayerReader>(slot_, m_, std::move(ls), outs.back(), lim_, codec, true, hash_tar);
      StreamMember& sm = members[name_];
      sm.size = size_;
    } else if (size_ <= kMaxMember && kept_ + size_ <= kMaxKept) {
      kind_ = Kind::file;
      kept_ += size_;
      buf_.reserve(size_t(size_));
    } else {
      kind_ = Kind::skipped;
      members[name_].size = size_;  // neither data nor slot: open_streamed says so if it is needed
    }
  }

  const WalkPlan::Matcher& m_;
  std::vector<std::unique_ptr<Analyzer>>& analyzers_;
  const WalkLimits& lim_;
  std::atomic<uint64_t>& progress_;
  std::string name_, head_, buf_;
  uint64_t size_ = 0, kept_ = 0, count_ = 0;
  Kind kind_ = Kind::none;
  int slot_ = -1;
  std::unique_ptr<detail::LayerReader> reader_;
};

}  // namespace

WalkedImage walk_export(const std::string& name, const std::function<void(const ByteSink&)>& produce,
                        const Options& opt, std::vector<std::unique_ptr<Analyzer>>& analyzers, FindingSink& out,
                        const Prepare& prepare, const WalkLimits& limits, const WalkPlan* plan, uint64_t total) {
  ImageModel empty;
  empty.options = &opt;
  for (auto& a : analyzers) a->start(empty);
  std::optional<WalkPlan> own;
  if (!plan) plan = &own.emplace(analyzers);
  detail::Progress bar(opt.progress, total, "");
  ExportHandler h(plan->matcher(), analyzers, limits, bar.bytes);
  TarParser tar(h);
  std::string error;
  produce([&](std::string_view chunk) {
    try {
      tar.feed({chunk.data(), chunk.size()});
      return !tar.ended();
    } catch (const std::exception& e) {
      error = e.what();
      return false;
    }
  });
  bar.stop();
  if (!error.empty()) {
    h.cut();
    throw InputError(name + ": not a readable image export (" + error + ")");
  }
  if (!tar.ended() && !tar.at_boundary()) {
    h.cut();
    // The layers read so far still tell what they can only with a manifest,
    // which comes last: nothing to analyse.
    throw InputError(name + ": the export is cut short");
  }

  WalkedImage w;
  OpenedImage img = open_streamed(name, h.members, opt);
  w.model = std::move(img.model);
  w.model.options = &opt;
  const size_t nl = w.model.layers.size();
  // Slots onto layers: a slot named twice (a layer in the image twice) is
  // merged twice; its scans go with its first place, the second place
  // gets scans that saw nothing (its files were reported once).
  std::vector<int> uses(h.outs.size(), 0);
  for (auto& lb : img.layers) {
    if (lb.blob.slot < 0 || size_t(lb.blob.slot) >= h.outs.size())
      throw InputError(name + ": " + lb.blob.name + " is not a layer");
    ++uses[size_t(lb.blob.slot)];
  }
  std::vector<detail::LayerOut> outs(nl);
  std::vector<std::vector<std::unique_ptr<LayerScan>>> scans(analyzers.size());
  for (auto& s : scans) s.resize(nl);
  std::vector<bool> seen(h.outs.size(), false);
  for (size_t i = 0; i < nl; ++i) {
    size_t s = size_t(img.layers[i].blob.slot);
    if (--uses[s] > 0) outs[i] = h.outs[s];  // used again: a copy
    else outs[i] = std::move(h.outs[s]);
    for (size_t a = 0; a < analyzers.size(); ++a) {
      if (!seen[s]) {
        scans[a][i] = std::move(h.scans[s][a]);
      } else if ((scans[a][i] = analyzers[a]->begin_layer(int(i)))) {
        scans[a][i]->end_layer(outs[i].complete);
      }
    }
    seen[s] = true;
    detail::check_digests(img.layers[i], outs[i], int(i));
  }
  if (prepare) prepare(w.model);
  w.walk = detail::merge(w.model, outs, scans, analyzers, out);
  return w;
}

WalkedImage open_and_walk(const std::string& source, const Options& opt,
                          std::vector<std::unique_ptr<Analyzer>>& analyzers, FindingSink& out, const Prepare& prepare,
                          const WalkLimits& limits, const WalkPlan* plan) {
  if (source.rfind("docker://", 0) != 0) {
    OpenedImage img = open_image(source, opt);
    img.model.options = &opt;
    if (prepare) prepare(img.model);
    WalkedImage w;
    w.walk = walk(img, analyzers, out, limits, plan);
    w.model = std::move(img.model);
    return w;
  }
  std::string name = source.substr(9);
  if (name.empty()) throw InputError("docker://: no image name");
  engine::Client c(engine::endpoint_from_env(), 60);
  auto insp = c.inspect_image(name);
  if (!insp) throw InputError(source + ": no such image on the local engine");
  uint64_t total = insp->is_object() && (*insp)["Size"].is_number_unsigned() ? (*insp)["Size"].get<uint64_t>() : 0;
  long status = 0;
  auto produce = [&](const ByteSink& sink) {
    auto r = c.get_stream("/images/" + engine::url_encode(name) + "/get", [&](std::string_view chunk) {
      return sink(chunk);
    });
    status = r.status;
  };
  WalkedImage w;
  try {
    w = walk_export(source, produce, opt, analyzers, out, prepare, limits, plan, total);
  } catch (const InputError&) {
    // An error answer is JSON, not an archive: say what the engine said.
    if (status >= 400) throw InputError(source + ": the engine refused the export (HTTP " + std::to_string(status) + ")");
    throw;
  }
  w.model.source = source;
  if (w.model.name.empty() || w.model.name.rfind("docker://", 0) == 0) w.model.name = name;
  return w;
}

}  // namespace dd::image
