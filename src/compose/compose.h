#pragma once
// A docker compose file as the compose rules read it, with positions.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "core/finding.h"
#include "core/registrar.h"
#include "core/registry.h"
#include "core/report.h"

namespace dd::compose {

struct Mark {
  int line = 0;  // 1-based
  int column = 0;
};

struct EnvVar {
  std::string name;
  std::string value;
  bool has_value = false;
  Mark at;
};

struct Service {
  std::string name;
  Mark at;
  std::string image;
  Mark image_at;
  std::string build_context;  // empty when no build
  std::string dockerfile;     // relative to the context; "Dockerfile" by default
  std::vector<EnvVar> env;
  std::vector<std::string> env_files;
  std::vector<std::string> ports;
  bool has_healthcheck = false;
  bool healthcheck_disabled = false;
  std::string memory_limit;  // mem_limit or deploy.resources.limits.memory
  bool privileged = false;
  Mark privileged_at;
  std::string user;
  std::vector<std::string> depends_on;
  // `command:` and `entrypoint:` as the words the engine runs: a list as
  // written, a string split as compose splits it (shell words, no shell).
  std::vector<std::string> command, entrypoint;
  bool has_command = false, has_entrypoint = false;
  Mark command_at, entrypoint_at;
};

struct File {
  std::filesystem::path path;
  std::string display;
  std::vector<Service> services;
};

// Parses a compose file. Throws InputError naming the file on malformed YAML.
File load(const std::filesystem::path& path, const std::string& display = {});

// The interface every compose rule implements; one file per rule in rules/.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(const File& file, Report& out) const = 0;
};

using Rules = Registrar<Domain::compose, Rule>;
inline std::vector<const Rule*>& rules() { return Rules::rules(); }
#define DD_COMPOSE_RULE(Class) static ::dd::compose::Rules::Enlist<Class> dd_register_##Class;

// A finding located at `m` in the compose file.
Finding at(const File& file, const Service& svc, Mark m, std::string message, std::string evidence);

// `name=value` safe to print: passwords in URLs and secret values redacted.
std::string shown_env(const EnvVar& e);

// Lints one compose file with every compose rule. Compose has no settings of
// its own yet: it reads the core section (ignores, severities).
std::vector<Finding> lint(const File& file, const CoreSettings& config);

}  // namespace dd::compose
