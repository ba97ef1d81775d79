#pragma once
// What the incident rules know about the container world, as tables: package
// managers and their caches, build tools, runtimes and their small variants,
// end-of-life bases, daemonizing servers, long-running and one-shot commands,
// and the dependency manifests of each ecosystem. Adding knowledge means
// adding a row; tests walk every row.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"
#include "knowledge/image_ref.h"
#include "knowledge/programs.h"
#include "dockerfile/shell.h"

namespace dd::dockerfile::kb {

// ---- image references -----------------------------------------------------

// The one parser lives in the knowledge layer.
using dd::kb::ImageRef;
using dd::kb::parse_image;

// ---- package managers -----------------------------------------------------

struct PackageManager {
  std::string_view program;  // apt-get, apk, ...
  std::vector<std::string_view> install;  // subcommands that install packages
  std::string_view no_cache_flag;         // apk --no-cache; "" when none
  std::vector<std::string_view> cleanup;  // text in the same RUN that removes the cache
  std::string_view cleanup_fix;           // what to append to the RUN
};
std::span<const PackageManager> package_managers();
const PackageManager* package_manager(std::string_view program);

// Compilers, build tools and headers that a runtime image does not need.
bool is_build_package(std::string_view package);

// ---- runtimes -------------------------------------------------------------

struct Runtime {
  std::string_view image;       // official repository name: node, python, ...
  std::string_view slim;        // suffix or image of the slim variant: "-slim"
  std::string_view alpine;      // "-alpine" or ""
  std::string_view distroless;  // distroless image for the runtime, or ""
  bool build_only = false;      // golang, maven, gradle: the toolchain itself
};
std::span<const Runtime> runtimes();
const Runtime* runtime(std::string_view image_name);
// True when a tag already names a small variant (slim, alpine, distroless, jre...).
bool is_small_tag(std::string_view tag);

// ---- end-of-life bases ----------------------------------------------------

struct EolRule {
  std::string_view image;     // repository name
  std::string_view below;     // first supported version ("" = every tag is end-of-life)
  std::string_view why;       // end-of-life note
  std::string_view upgrade;   // suggested replacement
};
std::span<const EolRule> eol_rules();
// Why this base is end-of-life, or nullopt. Looks at the version prefix of the
// tag and at Debian/Ubuntu code names in it (python:3.11-buster).
std::optional<std::string> eol_reason(const ImageRef& ref, std::string* upgrade = nullptr);
// Compares dotted numeric versions: -1, 0, 1. Non-numeric parts count as 0.
int compare_versions(std::string_view a, std::string_view b);

// ---- processes ------------------------------------------------------------

// Programs and how they run live in the knowledge layer (knowledge/programs.h).
using dd::kb::Daemon;
using dd::kb::daemon;
using dd::kb::daemon_backgrounds;
using dd::kb::daemons;
using dd::kb::is_one_shot_command;
using dd::kb::is_server_command;
using dd::kb::is_server_program;
using dd::kb::is_supervisor;
using dd::kb::real_program;

// ---- ecosystems -----------------------------------------------------------

struct InstallCommand {
  std::string_view program;     // npm, pip, go, ...
  std::string_view subcommand;  // ci, install, mod download; "" = any / bare
  std::string_view needs_flag;  // e.g. pip needs -r; "" = none
  bool deps_only = true;        // only resolves dependencies (movable before COPY . .)
};

struct Ecosystem {
  std::string_view name;  // tag: node, python, go, java, rust, ruby, php
  std::vector<std::string_view> manifests;  // file names or globs (requirements*.txt)
  std::vector<InstallCommand> installs;
  std::string_view copy_manifests;  // default COPY line for the fix
  std::string_view prefetch;        // dependency-only command when the install is a build
};
std::span<const Ecosystem> ecosystems();
// The ecosystem and the install row a command matches, or nullptr.
const Ecosystem* install_ecosystem(const std::vector<std::string>& argv, const InstallCommand** which = nullptr);
// True when `file` (a COPY source basename or glob) names one of the manifests.
bool is_manifest(const Ecosystem& e, std::string_view file);

// ---- model helpers --------------------------------------------------------

std::string lower(std::string_view s);
std::string_view basename(std::string_view path);  // a view into `path`
bool contains(std::string_view hay, std::string_view needle);

}  // namespace dd::dockerfile::kb

namespace dd::dockerfile {
class LintInput;
namespace kb {
// The instruction text of a range of the file (for messages), trimmed.
std::string line_text(const Dockerfile& df, int line);
}  // namespace kb
}  // namespace dd::dockerfile
