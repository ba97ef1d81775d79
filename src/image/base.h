#pragma once
// The base image an image was built from, identified from what the image
// itself says: the OCI base label (org.opencontainers.image.base.name, or
// label-schema's), the first history entries (the official images' own
// build lines: `debian.sh ... 'bookworm'`, `ADD alpine-minirootfs-3.19.1-...`),
// and /etc/os-release of the merged filesystem. Its end of life is judged by
// the knowledge layer (the same table as DD2072).
#include <optional>
#include <string>
#include <vector>

#include "image/fs_view.h"
#include "image/model.h"

namespace dd::image {

struct BaseImage {
  std::string name;     // "debian:bookworm", "alpine:3.19.1", the label's value; "" when unknown
  std::string how;      // where it was read: "label org.opencontainers.image.base.name", "history", "/etc/os-release"
  std::string os_id;    // os-release ID ("debian", "alpine"), "" when none
  std::string os_version;  // os-release VERSION_ID
  std::string os_codename;  // VERSION_CODENAME
};

// `fs` may be null (the labels and history only).
BaseImage identify_base(const ImageModel& m, const FsView* fs);

// Why the base (or the OS inside the image) is end-of-life, with what it
// was judged from in *what ("debian 10 (its /etc/os-release)") and the
// suggested upgrade; nullopt when current or unknown.
std::optional<std::string> base_end_of_life(const BaseImage& b, std::string* what, std::string* upgrade);

// A language runtime that is end-of-life, from the version variable the
// official images set in Env (PYTHON_VERSION=3.8.18; knowledge/images'
// version_env column), judged by the same end-of-life table.
struct RuntimeEol {
  std::string variable;  // "PYTHON_VERSION=3.8.18"
  std::string family;    // the end-of-life family: "python"
  std::string why;       // "Python 3.8 reached end of life on 2024-10-07"
  std::string upgrade;   // "python:3.14-slim"
};
std::vector<RuntimeEol> runtime_end_of_life(const ImageModel& m);

}  // namespace dd::image
