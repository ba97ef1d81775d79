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

// The settings every domain shares: which rules run, at which severity, where
// the file came from, and when the exit status fails.
struct CoreSettings {
  std::filesystem::path source;  // file it came from; empty for defaults
  std::filesystem::path root;    // folder that path globs are relative to
  std::set<std::string> ignored;
  std::vector<PathIgnore> path_ignores;
  std::map<std::string, Severity> severity;
  std::optional<Severity> fail_on;
  std::vector<std::string> unknown_rules;  // ids in the file that match no rule

  bool is_ignored(const std::string& rule, const std::string& file = {}) const;
  Severity severity_for(const std::string& rule, Severity dflt) const;
};

// `lint` (Dockerfile rules). YAML: top-level keys, or under `dockerfile:`.
struct DockerfileSettings {
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
};

// The build context (DD3xxx). No settings yet.
struct ContextSettings {};

// `image` and `scan --image`. YAML: `thresholds: {max_image_age_days,
// max_image_size_mb}`, or `image: {max_age_days, max_size_mb}`.
struct ImageSettings {
  int max_image_age_days = 90;
  uint64_t max_image_size_bytes = 1024ull * 1024 * 1024;
};

// Kubernetes, metrics and runtime diagnosis: no settings yet; a domain adds
// its keys here and reads only its own section.
struct K8sSettings {};
struct MetricsSettings {};
struct RuntimeSettings {};

// .drydock.yaml (or .hadolint.yaml) as loaded: core settings plus one section
// per domain. Rule ids given as peer aliases are resolved to drydock ids at
// load time. The sections are bases, so `config.shellcheck` and
// `config.dockerfile().shellcheck` name the same setting; a domain is handed,
// and reads, its own section.
struct Config : CoreSettings,
                DockerfileSettings,
                ContextSettings,
                ImageSettings,
                K8sSettings,
                MetricsSettings,
                RuntimeSettings {
  const CoreSettings& core() const { return *this; }
  const DockerfileSettings& dockerfile() const { return *this; }
  const ContextSettings& context() const { return *this; }
  const ImageSettings& image() const { return *this; }
  const K8sSettings& k8s() const { return *this; }
  const MetricsSettings& metrics() const { return *this; }
  const RuntimeSettings& runtime() const { return *this; }
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
