#pragma once
// The dependency ecosystems (npm, pip, go, maven, cargo, ...): their manifest
// files, the commands that install from them, the COPY line of the manifests
// and the dependency-only prefetch. Read by the Dockerfile rules (COPY before
// install, language caches, cache busting) and ready for image and
// vulnerability work. One table in ecosystems.cpp; tests/knowledge walks
// every row.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dd::kb {

struct InstallCommand {
  std::string_view program;     // npm, pip, go, ...
  std::string_view subcommand;  // ci, install, mod download; "<any>" any, "<bare>" none or install
  std::string_view needs_flag;  // e.g. pip needs -r; "" = none
  bool deps_only = true;        // only resolves dependencies (movable before COPY . .)
};

struct Ecosystem {
  std::string_view name;                    // npm, yarn, pip, go, maven, ...
  std::vector<std::string_view> manifests;  // file names or globs (requirements*.txt)
  std::vector<InstallCommand> installs;
  std::string_view copy_manifests;  // default COPY line for the fix
  std::string_view prefetch;        // dependency-only command when the install is a build
};
std::span<const Ecosystem> ecosystems();
// The ecosystem and the install row a command matches (after wrappers and
// `python -m`), or nullptr.
const Ecosystem* install_ecosystem(const std::vector<std::string>& argv, const InstallCommand** which = nullptr);
// True when `file` (a COPY source basename or glob) names one of the manifests.
bool is_manifest(const Ecosystem& e, std::string_view file);

}  // namespace dd::kb
