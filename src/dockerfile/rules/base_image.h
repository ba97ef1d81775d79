#pragma once
// What the base image of a chain is: scratch, distroless, Alpine-like.
#include "dockerfile/knowledge.h"
#include "dockerfile/rule.h"
#include "knowledge/images.h"

namespace dd::dockerfile::inc {

inline bool is_scratch(const kb::ImageRef& r) { return r.path == "scratch"sv && r.registry.empty(); }
inline bool is_distroless(const kb::ImageRef& r) {
  return kb::contains(r.path, "distroless") || r.registry == "cgr.dev"sv || kb::contains(r.path, "chainguard");
}
inline bool is_alpine_like(const kb::ImageRef& r) {
  std::string_view name = kb::basename(r.path);  // mirrors and private copies: myorg/busybox
  return name == "alpine"sv || name == "busybox"sv || kb::contains(kb::lower(r.tag), "alpine") ||
         kb::contains(r.path, "alpine") || dd::kb::alpine_based_image(r);
}

}  // namespace dd::dockerfile::inc
