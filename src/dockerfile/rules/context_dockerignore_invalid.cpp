// DD3007: a .dockerignore line the engine refuses, which fails the build.
#include "dockerfile/rules/context_util.h"

namespace dd::dockerfile {
namespace {

using namespace ctxrule;

class ContextDockerignoreInvalid : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (!in.context || in.context->ignore_file().empty()) return;
    const auto& ctx = *in.context;
    std::string file = ctx.ignore_file().string();
    for (const auto& err : ctx.ignore().errors()) {
      Finding f;
      f.location.file = file;
      f.location.line = err.line;
      f.location.column = 1;
      f.message = ctx.ignore_file().filename().string() + " line " + std::to_string(err.line) + ": " + err.message +
                  "; docker build stops before the first step";
      f.evidence = err.message;
      f.root_cause = "The builder parses every .dockerignore line as a Go filepath.Match pattern and refuses the "
                     "whole file when one is malformed (an unclosed `[`, an empty class, a trailing `\\`, a lone `!`).";
      f.fix = "Fix or delete line " + std::to_string(err.line) + "; escape a literal `[` as `\\[`.";
      f.tags = {"dockerignore"};
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = ctxrule::ContextRules::add({
      .id = "DD3007",
      .name = "context-dockerignore-invalid",
      .category = Category::best_practice,
      .severity = Severity::error,
      .summary = "Malformed .dockerignore pattern",
      .rationale = "A malformed pattern makes the engine reject the .dockerignore and the build fail before it starts.",
      .fix = "Correct the pattern (close `[` classes, escape literal brackets, remove a lone `!`).",
      .tags = {"dockerignore"},
  });
};

DD_DOCKERFILE_RULE(ContextDockerignoreInvalid)

}  // namespace
}  // namespace dd::dockerfile
