#pragma once
// Image sources: a `docker save` archive (legacy layout: manifest.json +
// <id>/layer.tar; Docker 25+/containerd store: OCI blobs/sha256 with
// manifest.json and index.json), an OCI image layout as a directory or a
// tar, and docker://NAME[:TAG] from the local engine.
//
// docker:// streams GET /images/{name}/get. The engine writes the layers
// before manifest.json/index.json, so the archive cannot be analysed in
// one pass without knowing the layer order and the config first; the
// stream is spooled to ONE temporary file in $TMPDIR (unlinked at once, so
// nothing stays behind even on a crash), bounded by the image's own size,
// then read like a file archive: layers with pread, in parallel.
#include <memory>
#include <string>
#include <vector>

#include "image/io.h"
#include "image/model.h"

namespace dd::image {

struct LayerBlob {
  Blob blob;
  std::string expect;  // hex sha256 expected for the blob bytes ("" when unknown)
  std::string expect_diff_id;  // hex sha256 expected for the uncompressed tar ("" when unknown)
};

struct OpenedImage {
  ImageModel model;
  std::vector<LayerBlob> layers;  // same order as model.layers
};

// Throws InputError (exit 2) naming the source and the problem.
OpenedImage open_image(const std::string& source, const Options& opt);

// The platform this machine runs (uname), normalized.
Platform host_platform();

}  // namespace dd::image
