#pragma once
// Image sources: a `docker save` archive (legacy layout: manifest.json +
// <id>/layer.tar; Docker 25+/containerd store: OCI blobs/sha256 with
// manifest.json and index.json), an OCI image layout as a directory or a
// tar, and docker://NAME[:TAG] from the local engine.
//
// docker:// is read once, as the engine sends it: see open_and_walk() in
// walk.h. The engine writes the layers before manifest.json, so each layer
// is walked as it arrives and placed once the manifest says where it goes;
// open_streamed() builds the image from what the walk kept of the export.
#include <map>
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

// A file or layout (not docker://). Throws InputError (exit 2) naming the
// source and the problem.
OpenedImage open_image(const std::string& source, const Options& opt);

// A member of an export read once: a small file's bytes, a layer the walk
// read as it came (its slot), or a link to another member (a symlink's
// target is relative to its folder; a hard link's starts with "/").
struct StreamMember {
  std::shared_ptr<const std::string> data;
  int slot = -1;
  uint64_t size = 0;
  std::string link;
};
// The image an export describes, from its members (manifest.json or
// index.json and the configs in memory, the layers as slots: a LayerBlob's
// blob.slot). Throws InputError as open_image() does.
OpenedImage open_streamed(const std::string& source, const std::map<std::string, StreamMember>& members,
                          const Options& opt);

// An archive member's name as the layouts use it ("./a" and "/a" are "a").
std::string member_name(std::string n);
// The link an archive member makes to another, in StreamMember::link's
// notation (a hard link's target gets a leading "/"); "" when it is none.
struct TarEntry;
std::string member_link(const TarEntry& e);

// The platform this machine runs (uname), normalized.
Platform host_platform();

}  // namespace dd::image
