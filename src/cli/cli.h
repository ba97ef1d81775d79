#pragma once
// Subcommands are thin: each cmd_*.cpp parses its flags and calls library
// code. They register themselves with DD_COMMAND, so adding one touches no
// other file.
#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/config.h"
#include "core/finding.h"
#include "render/render.h"

namespace dd::cli {

int main(int argc, char** argv);

// Options every command accepts.
struct Common {
  std::string format = "text";
  std::string fail_on;  // empty: config's fail_on, else error
  std::string config;   // --config FILE
  bool no_color = false;
  bool quiet = false;
  std::vector<std::string> ignore;             // --ignore RULE, added to the config's
  std::vector<std::string> trusted_registries;  // --trusted-registry REG, likewise
  std::vector<std::string> require_labels;      // --require-label LABEL[:TYPE], to the label schema
  bool strict_labels = false;                   // --strict-labels
  bool shellcheck = false;                      // --shellcheck
  bool disable_ignore_pragma = false;           // --disable-ignore-pragma
  bool local_images = false;                    // --local-images
  std::string platform;                         // --platform
  // hadolint's --error/--warning/--info/--style RULE: severity overrides.
  struct SeverityOverride {
    std::string flag, rule;
    Severity severity;
  };
  std::vector<SeverityOverride> severities;
};

void add_common(CLI::App* app, Common& common, bool formats = true);
// The Dockerfile options of lint and scan: --require-label, --strict-labels,
// --shellcheck, --disable-ignore-pragma, hadolint's fail-on spellings.
void add_dockerfile_options(CLI::App* app, Common& common);

// The configuration for an input: --config FILE, else discovered by walking
// up from `input`.
Config load_config_for(const Common& common, const std::string& input);

// Renders and returns the exit status (0, or 1 when a finding reaches the
// threshold). Sorts the findings first.
int finish(std::vector<Finding> findings, const Common& common, const Config& config,
           nlohmann::json extra = nullptr);
// The same for findings already rendered in pieces (render::piece), in order.
int finish(const std::vector<render::Piece>& pieces, const Common& common, const Config& config);
// The same for a report streamed piece by piece: closes it.
int finish(render::PieceWriter& writer, const Common& common, const Config& config);
// The format and render options the common flags ask for.
render::Format output_format(const Common& common);
render::Options render_options(const Common& common);

struct Command {
  std::string name;
  std::string help;
  // Adds the command's options to `app` (already created with the name) and
  // returns the function that runs it after parsing.
  std::function<std::function<int()>(CLI::App* app)> setup;
  int order = 50;  // position in --help
};

std::vector<Command>& commands();

struct CommandRegistrar {
  explicit CommandRegistrar(Command c) { commands().push_back(std::move(c)); }
};

#define DD_COMMAND_CAT2(a, b) a##b
#define DD_COMMAND_CAT(a, b) DD_COMMAND_CAT2(a, b)
#define DD_COMMAND(...) static ::dd::cli::CommandRegistrar DD_COMMAND_CAT(dd_command_, __COUNTER__){::dd::cli::Command{__VA_ARGS__}};

}  // namespace dd::cli
