#pragma once
// Lints one Dockerfile with its build context: one parse, one context walk,
// every registered rule, inline pragmas and configuration applied.
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "core/finding.h"
#include "dockerfile/ast.h"
#include "dockerfile/parser.h"
#include "dockerfile/rule.h"

namespace dd::context {
class BuildContext;
}

namespace dd::lint {

// Build contexts walked once per run: Dockerfiles that share a context folder
// and an ignore file (Dockerfile, Dockerfile.dev, compose services) share one
// walk, which for a large context costs far more than linting. Thread-safe.
class ContextCache {
 public:
  std::shared_ptr<const context::BuildContext> get(const std::filesystem::path& root,
                                                   const std::filesystem::path& dockerfile);

 private:
  using Walk = std::shared_future<std::shared_ptr<const context::BuildContext>>;
  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Walk> walks_;  // (root, ignore file) as written
};

struct Options {
  std::filesystem::path context_dir;  // empty: the Dockerfile's folder
  bool use_context = true;
  std::string display_path;  // path shown in findings; empty: as given
  ContextCache* contexts = nullptr;  // share walks between files; null: walk for this file
  // docker build --build-arg NAME=VALUE: replace the defaults of declared
  // ARGs before the first FROM, and BUILDKIT_DOCKERFILE_CHECK replaces the
  // file's `# check=` directive, as in BuildKit.
  dockerfile::BuildArgs build_args;
};

struct Result {
  dockerfile::Dockerfile dockerfile;
  std::vector<Finding> findings;
  std::vector<dockerfile::Edit> edits;  // mechanical fixes proposed by rules
  std::vector<dockerfile::FileAppend> appends;  // lines for other files (.dockerignore)
  // The context the file was linted with (null without one), kept so that
  // --fix re-lints against the same walk instead of walking again.
  std::shared_ptr<const context::BuildContext> context;
};

// Throws InputError when the file cannot be read.
Result lint_file(const std::filesystem::path& file, const Options& opt, const Config& config);
// Lints a Dockerfile read from standard input, shown as "-" (or as
// opt.display_path). It gets a build
// context only when opt.context_dir is set, as with `docker build -f - DIR`.
Result lint_stdin(std::string_view text, const Options& opt, const Config& config);
// Lints text that is already in memory. Throws InputError naming the path
// when BUILDKIT_DOCKERFILE_CHECK in `build_args` is not a valid check option.
Result lint_text(std::string_view text, const std::string& path, const context::BuildContext* ctx,
                 const Config& config, const dockerfile::BuildArgs& build_args = {});

// The build argument that replaces the `# check=` directive.
inline constexpr const char* kCheckBuildArg = "BUILDKIT_DOCKERFILE_CHECK";

// Reads a whole input file; InputError naming it when it cannot.
std::string read_file(const std::filesystem::path& file, size_t limit = 64u << 20);

}  // namespace dd::lint
