#pragma once
// What the walk's two drivers share: the parallel walk over blobs read with
// pread (walk.cpp) and the one-pass walk over an export streamed from the
// engine (stream.cpp). Not for analyzers: they see analyzer.h only.
#include <atomic>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "image/io.h"
#include "image/walk.h"

namespace dd::image::detail {

// One entry of one layer as the merge needs it.
struct Rec {
  std::string path;
  FileStat st;
  bool whiteout = false, opaque = false;
  std::shared_ptr<const std::string> content;
};

// What reading one layer left: its entries (for the merge), its problems,
// and the digests of its bytes.
struct LayerOut {
  // A deque: a million entries grow it block by block (no reallocation
  // holding two copies), and the merge frees it as it goes.
  std::deque<Rec> recs;
  std::vector<LayerIssue> issues;
  uint64_t read = 0;      // tar bytes decoded
  bool complete = false;  // read to its end without error
  bool plain = false;     // the blob is an uncompressed tar
  std::string error;
  std::string raw_hex;  // sha256 of the blob bytes, when hashed
  std::string tar_hex;  // sha256 of the decoded tar, when hashed
};

// Reads one layer from bytes handed over in order: decodes them (`codec`,
// from the first bytes), parses the tar and gives the entries to `scans`
// (one per analyzer, null for none). SHA-256 of the blob bytes (hash_raw)
// and of the decoded tar (hash_tar) run on threads of their own. An error
// (corrupt, truncated, bomb, too many entries) ends the layer: it is put in
// `out` and the bytes after it are ignored. Never throws.
class LayerReader {
 public:
  LayerReader(int index, const WalkPlan::Matcher& m, std::vector<LayerScan*> scans, LayerOut& out,
              const WalkLimits& lim, Codec codec, bool hash_raw, bool hash_tar);
  ~LayerReader();
  LayerReader(const LayerReader&) = delete;
  LayerReader& operator=(const LayerReader&) = delete;
  // Zero copy: a buffer to read the next bytes into, then commit(n).
  std::span<char> buffer();
  void commit(size_t n);
  // Or bytes that live elsewhere (copied into the hash ring when hashed).
  void feed(std::span<const char> in);
  // True once an error ended the layer: the caller may stop reading.
  bool failed() const;
  // Ends the layer with an error (the source could not give its bytes).
  void fail(const std::string& why);
  // After the last byte: checks that the streams ended, fills out.raw_hex
  // and out.tar_hex, and calls end_layer() on the scans.
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> p_;
};

// Compares the digests `out` holds with what the image expects of the
// layer; a difference is an issue of layer `index`.
void check_digests(const LayerBlob& lb, LayerOut& out, int index);

// A progress bar on stderr when `on` (the caller checks for a TTY), redrawn
// by a thread of its own: `bytes` of `total` read (total 0: unknown).
class Progress {
 public:
  Progress(bool on, uint64_t total, std::string what);
  ~Progress();
  void stop();
  std::atomic<uint64_t> bytes{0};

 private:
  std::atomic<bool> done_{false};
  std::thread t_;
};

// Applies the layers in order (whiteouts, opaque dirs, hard links) and runs
// every analyzer's finish() and judge_inventory(). outs[i] and scans[a][i]
// belong to model.layers[i].
WalkResult merge(ImageModel& model, std::vector<LayerOut>& outs,
                 std::vector<std::vector<std::unique_ptr<LayerScan>>>& scans,
                 std::vector<std::unique_ptr<Analyzer>>& analyzers, FindingSink& out);

}  // namespace dd::image::detail
