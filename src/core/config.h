#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <string>
#include <vector>

#include "core/image_store.h"
#include "core/severity.h"

namespace dd {

struct PathIgnore {
  std::string glob;                // matched against the input path relative to the config's folder
  std::vector<std::string> rules;  // drydock ids; empty means every rule
};

// .drydock.yaml (or .hadolint.yaml) as loaded. Rule ids given as peer aliases
// are resolved to drydock ids at load time.
struct Config {
  std::filesystem::path source;  // file it came from; empty for defaults
  std::filesystem::path root;    // folder that path globs are relative to
  std::set<std::string> ignored;
  std::vector<PathIgnore> path_ignores;
  std::map<std::string, Severity> severity;
  std::vector<std::string> trusted_registries;
  // Labels every image must carry, by value type (text, url, rfc3339, spdx,
  // hash, semver, email), and whether other labels are refused.
  std::map<std::string, std::string> label_schema;
  bool strict_labels = false;
  // Run ShellCheck on RUN scripts (rule DD1140).
  bool shellcheck = false;
  // Inline `# drydock ignore=` and `# hadolint ignore=` pragmas are not
  // honoured (hadolint's disable-ignore-pragma).
  bool disable_ignore_pragma = false;
  // Look the FROM images up in the local engine's image store (DD1142):
  // `local_images: true` or --local-images. The command line attaches the
  // store; `images` stays null when the check is off.
  bool local_images = false;
  std::shared_ptr<ImageStore> images;
  // The build's target platforms (`platform:` or --platform, as docker build
  // --platform); empty: the engine's own platform.
  std::vector<Platform> platforms;
  int max_image_age_days = 90;
  uint64_t max_image_size_bytes = 1024ull * 1024 * 1024;
  std::optional<Severity> fail_on;
  std::vector<std::string> unknown_rules;  // ids in the file that match no rule

  bool is_ignored(const std::string& rule, const std::string& file = {}) const;
  Severity severity_for(const std::string& rule, Severity dflt) const;
};

// Loads a config file. Throws InputError naming the file on malformed YAML
// or wrong types.
Config load_config(const std::filesystem::path& file);
// SC2086 and the like: a ShellCheck code, which `ignore` and pragmas accept
// for DD1140's findings.
bool is_shellcheck_code(std::string_view id);

// Adds rules to turn off (drydock ids or peer aliases, as in `ignore:`).
// Returns the ids that name no rule, and adds nothing for them.
std::vector<std::string> add_ignored(Config& c, const std::vector<std::string>& ids);

// The value types a label schema knows.
bool is_label_type(std::string_view type);
// Adds "LABEL" or "LABEL:TYPE" (text when no type) to the label schema.
// Throws InputError naming `where` when the type is unknown.
void add_required_label(Config& c, const std::string& spec, const std::string& where);

// Walks up from `start` (a file or folder) looking for .drydock.yaml, then
// .hadolint.yaml; returns defaults when none.
Config discover_config(const std::filesystem::path& start);

}  // namespace dd
