#pragma once
// Image references as the engine reads them: [registry/]path[:tag][@digest].
// One parser for FROM lines, compose `image:`, manifests' `image:`, image
// sources (`docker://NAME:TAG`) and `RepoTags`.
#include <string>
#include <string_view>

namespace dd::kb {

struct ImageRef {
  std::string registry;  // "" for Docker Hub (docker.io, index.docker.io and registry-1.docker.io too)
  std::string path;      // repository path without registry: "library/node" is kept as "node"
  std::string name;      // last path component: "distroless/nodejs20-debian12" -> "nodejs20-debian12"
  std::string tag;       // "" when absent
  std::string digest;    // "sha256:..." or ""

  bool docker_hub() const { return registry.empty(); }
  // An official Docker Hub image (node, python, ...): no registry, one path part.
  bool official() const { return registry.empty() && path.find('/') == std::string::npos; }
  // "docker.io/library/node:20" style, with the defaults filled in (tag latest when neither tag nor digest).
  std::string canonical() const;
};

// Parses a reference. A first part with a '.' or ':' or "localhost" is a
// registry, as the engine decides (docker/distribution's reference grammar).
ImageRef parse_image(std::string_view ref);

}  // namespace dd::kb
