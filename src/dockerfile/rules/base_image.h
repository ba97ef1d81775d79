#pragma once
// What the base image of a chain is: scratch, distroless, Alpine-like.
#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/packages.h"
#include "knowledge/programs.h"
#include "core/text.h"
#include "dockerfile/rule.h"
#include "knowledge/images.h"

namespace dd::dockerfile::inc {

inline bool is_scratch(const kb::ImageRef& r) { return r.path == "scratch"sv && r.registry.empty(); }
inline bool is_distroless(const kb::ImageRef& r) {
  return text::contains(r.path, "distroless") || r.registry == "cgr.dev"sv || text::contains(r.path, "chainguard");
}
inline bool is_alpine_like(const kb::ImageRef& r) {
  std::string_view name = text::basename(r.path);  // mirrors and private copies: myorg/busybox
  return name == "alpine"sv || name == "busybox"sv || text::contains(text::lower(r.tag), "alpine") ||
         text::contains(r.path, "alpine") || dd::kb::alpine_based_image(r);
}

}  // namespace dd::dockerfile::inc
