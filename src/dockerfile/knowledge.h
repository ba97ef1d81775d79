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
#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/packages.h"
#include "knowledge/images.h"
#include "knowledge/programs.h"
#include "dockerfile/shell.h"

namespace dd::dockerfile::kb {

// ---- image references -----------------------------------------------------

// The one parser lives in the knowledge layer.
using dd::kb::ImageRef;
using dd::kb::parse_image;

// ---- package managers -----------------------------------------------------

// The package-manager table and the build packages live in the knowledge
// layer (knowledge/packages.h).
using dd::kb::is_build_package;

// ---- runtimes and end-of-life ---------------------------------------------

// Official images, their small variants and end-of-life dates live in the
// knowledge layer (knowledge/images.h, knowledge/eol.h).
using dd::kb::is_small_tag;
using dd::kb::Runtime;
using dd::kb::runtime;
using dd::kb::runtimes;

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

// The dependency ecosystems live in the knowledge layer (knowledge/ecosystems.h).
using dd::kb::Ecosystem;
using dd::kb::ecosystems;
using dd::kb::install_ecosystem;
using dd::kb::InstallCommand;
using dd::kb::is_manifest;

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
