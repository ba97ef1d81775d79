#pragma once
// `drydock scan DIR`: discovers every input in a project and runs each
// registered scanner on the inputs of its kind. A later analyzer (Kubernetes,
// compose, ...) registers a Scanner and scan picks it up unchanged.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/finding.h"

namespace dd::scan {

enum class Kind { dockerfile, k8s_manifest, compose };
std::string_view to_string(Kind k);

struct Input {
  Kind kind;
  std::filesystem::path path;     // the file
  std::filesystem::path context;  // build context (Dockerfiles)
  std::string display;            // path relative to the scanned directory
};

// Finds Dockerfiles (with their contexts), Kubernetes manifests (YAML
// documents with apiVersion and kind) and compose files under `root`,
// skipping .git, node_modules and vendored folders.
std::vector<Input> discover(const std::filesystem::path& root);

struct Scanner {
  std::string name;
  Kind kind;
  std::function<void(const Input&, const Config&, std::vector<Finding>&)> run;
};
std::vector<Scanner>& scanners();
struct ScannerRegistrar {
  explicit ScannerRegistrar(Scanner s) { scanners().push_back(std::move(s)); }
};

// A scanner may say where other inputs' build contexts are: a compose
// file's `build: {context, dockerfile}` sets the context its Dockerfile is
// linted with (and adds Dockerfiles with names discovery does not know).
struct ContextHint {
  std::filesystem::path dockerfile;
  std::filesystem::path context;
};
struct ContextHinter {
  Kind kind;
  std::function<std::vector<ContextHint>(const Input&)> hints;
};
std::vector<ContextHinter>& context_hinters();
struct ContextHinterRegistrar {
  explicit ContextHinterRegistrar(ContextHinter h) { context_hinters().push_back(std::move(h)); }
};

struct Result {
  std::vector<Input> inputs;
  std::vector<Finding> findings;
};
Result run(const std::filesystem::path& root, const Config& config);

}  // namespace dd::scan
