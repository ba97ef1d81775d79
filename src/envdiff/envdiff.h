#pragma once
// drydock envdiff: the environment two places give a program, compared.
// Reads `env` output, .env files, `docker inspect` JSON (Config.Env), pod
// JSON and Kubernetes manifests (valueFrom and envFrom resolved against the
// ConfigMaps and Secrets given), and the variables application code reads.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"

namespace dd::envdiff {

struct Var {
  std::string name;
  std::optional<std::string> value;  // nullopt: set, but from an object not given
  std::string from;                  // "literal", "configMap app/DB_URL", "secret db/password", "fieldRef ..."
  bool secret = false;
  std::string file;
  int line = 0;
  std::string field;  // spec.template.spec.containers[0].env[2]
};

struct EnvSet {
  std::string label;     // what the user gave: deploy.yaml:container=app
  std::string file;
  std::string kind;      // env, dotenv, docker-inspect, pod, manifest
  std::string resource;  // Deployment/default/app
  std::string container;
  std::vector<Var> vars;  // in the order they are defined; later ones win
  // References that could not be resolved: (message, var) -> reported as DD0103.
  struct Problem {
    std::string message, field;
    int line = 0;
    bool missing_object_given = false;  // the object is given but lacks the key
  };
  std::vector<Problem> problems;
  const Var* find(const std::string& name) const;
};

struct Options {
  std::string container;           // --container NAME (for both sides unless given per side)
  std::vector<std::string> with;   // --with FILE: ConfigMaps and Secrets
};

// Reads one side. `spec` is PATH or PATH:container=NAME. Throws InputError
// (one line naming the file) on unreadable or malformed input.
EnvSet read_side(const std::string& spec, const Options& opt);

struct SourceRead {
  std::string name, file;
  int line = 0;
  bool has_default = false;
};
// The env variables code under `dir` reads (JS, Python, Java, Go, Ruby).
std::vector<SourceRead> scan_source(const std::filesystem::path& dir);

struct Result {
  std::vector<Finding> findings;
  std::vector<std::string> missing_in_b, missing_in_a, different, same;
  std::vector<SourceRead> unprovided;
};
Result compare(const EnvSet& a, const EnvSet& b, const std::vector<SourceRead>* source);

// The value as it may be printed: masked when secret.
std::string shown(const Var& v);
// Is the variable a secret (by its source, name or value)?
bool is_secret(const std::string& name, const std::string& value);

}  // namespace dd::envdiff
