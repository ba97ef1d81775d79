#pragma once
// The image as drydock models it: where it came from, its config, its
// layers (with the history entry that made each) and what each layer did to
// the filesystem. Filled by the sources (config, manifest) and the walk
// (sizes, changes); read by every analyzer and renderer.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/image_store.h"  // Platform

namespace dd::image {

enum class Compression { none, gzip, zstd };

// One `history` entry of the image config. Entries with empty_layer make no
// layer (ENV, CMD, ...); the others map, in order, onto the layers.
struct HistoryEntry {
  std::string created;     // RFC 3339
  std::string created_by;  // "/bin/sh -c apt-get install ...", "COPY file:... in /"
  std::string comment;
  bool empty_layer = false;
  int layer = -1;  // index in ImageModel::layers, -1 for an empty layer
};

// What one layer did to the merged filesystem, known once the walk ends.
struct LayerChanges {
  uint64_t files = 0;         // entries in the layer tar (whiteouts excluded)
  uint64_t added = 0;         // paths no lower layer had
  uint64_t changed = 0;       // paths a lower layer had, replaced here
  uint64_t deleted = 0;       // paths removed here (whiteouts, opaque dirs)
  uint64_t bytes = 0;         // sum of regular file sizes in the layer
  uint64_t wasted_bytes = 0;  // bytes of this layer a later layer overwrote or deleted
};

struct Layer {
  int index = 0;
  std::string digest;        // blob digest (sha256:...), as the manifest names it
  std::string diff_id;       // digest of the uncompressed tar, from config rootfs.diff_ids
  std::string media_type;
  Compression compression = Compression::none;
  uint64_t compressed_size = 0;    // blob size
  uint64_t uncompressed_size = 0;  // tar bytes read (known after the walk)
  int history = -1;                // index in ImageModel::history, -1 when none
  std::string created_by;          // that history entry's created_by, "" when none
  LayerChanges changes;
  bool digest_ok = true;           // false when the streamed digest did not match
  std::string error;               // set when the layer could not be read whole
  int dockerfile_line = 0;         // --dockerfile: the instruction that made it (1-based)
  std::string dockerfile_text;     // that instruction, shortened
};

// The parts of the image config analyzers read.
struct ImageConfig {
  Platform platform;  // os / architecture / variant
  std::string created;
  std::string user;
  std::vector<std::string> env;  // NAME=value
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  bool entrypoint_set = false, cmd_set = false;  // null vs []
  std::string working_dir;
  std::map<std::string, std::string> labels;
  std::vector<std::string> exposed_ports;   // "80/tcp"
  std::optional<std::vector<std::string>> healthcheck;  // Healthcheck.Test; nullopt when none
  std::vector<std::string> volumes;
  std::string stop_signal;
};

// Options of one analysis, from the command line and the config.
struct Options {
  std::string platform;    // --platform; "" is the host's
  std::string ref;         // SOURCE:REF: the OCI layout's image of that name
  int max_age_days = 90;   // --max-age; stale-image
  std::string dockerfile;  // --dockerfile FILE
  bool progress = false;   // a progress bar on stderr
  size_t threads = 0;      // 0: the core count
};

struct ImageModel {
  std::string source;       // what the user named: a path or docker://NAME
  std::string name;         // repo:tag when the archive says, else ""
  std::string id;           // config digest sha256:...
  std::string manifest_digest;
  ImageConfig config;
  std::vector<HistoryEntry> history;
  std::vector<Layer> layers;  // bottom first
  const Options* options = nullptr;
  std::string dockerfile;  // --dockerfile, when layers were matched to it
};

}  // namespace dd::image
