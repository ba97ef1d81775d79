#pragma once
// `drydock scan DIR`: discovers every input in a project and runs each
// registered scanner on the inputs of its kind. A domain registers a Detector
// (how to recognise its files) and a Scanner (what to run on them); scan knows
// no kind itself and picks new ones up unchanged.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/finding.h"

namespace dd::scan {

// An input kind is the name of the detector that recognised it ("dockerfile",
// "k8s", "compose", ...); it is what `scan --format json` shows in "inputs".
using Kind = std::string;
inline constexpr std::string_view kDockerfile = "dockerfile";

// How a domain recognises its files. Detectors are asked in `order` (lower
// first; ties by name); the first that claims a file gives it its kind.
struct Detector {
  Kind kind;
  int order = 100;
  // By the file name alone (cheap); may be empty.
  std::function<bool(std::string_view name)> by_name;
  // By content, asked when by_name is empty or false; may read the file
  // (bounded) and may be empty.
  std::function<bool(const std::filesystem::path& file, std::string_view name)> by_content;
  // Inputs of this kind are built with their folder as the build context.
  bool build_context = false;
};
std::vector<Detector>& detectors();
struct DetectorRegistrar {
  explicit DetectorRegistrar(Detector d) { detectors().push_back(std::move(d)); }
};
// The detector that claims `file`, or null.
const Detector* detect(const std::filesystem::path& file);

struct Input {
  Kind kind;
  std::filesystem::path path;     // the file
  std::filesystem::path context;  // build context (Dockerfiles)
  std::string display;            // path relative to the scanned directory
};

// Finds every file a registered detector claims under `root` (Dockerfiles
// with their contexts, Kubernetes manifests, compose files, ...), skipping
// .git, node_modules and vendored folders.
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
