// DD3005: the .git folder sent to the build and copied by COPY/ADD.
#include "dockerfile/rules/context_util.h"

namespace dd::dockerfile {
namespace {

using namespace ctxrule;

class ContextGitDir : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (!in.context) return;
    const auto& ctx = *in.context;
    const context::Entry* git = ctx.find(".git");
    if (!git || !git->is_dir) return;
    for (const auto& src : context_sources(in)) {
      // Only sources that take .git along: the whole context or .git itself.
      auto files_sent = sent(ctx, src);
      bool takes_git = false;
      for (const auto* e : files_sent)
        if (e->path == ".git"sv) takes_git = true;
      if (!takes_git) continue;
      uint64_t bytes = 0;
      size_t files = 0;
      for (const auto* e : ctx.sources(".git")) {
        bytes += e->size;
        files += e->is_dir ? 0 : 1;
      }
      const Instruction& ins = *src.ins;
      std::string msg = written(ins) + " on line " + std::to_string(ins.range.begin.line) +
                        " copies the .git directory (" + std::to_string(files) + " files, " + human_size(bytes) +
                        ") into the " + stage_label(in.df, ins.stage) + "; " +
                        (ctx.ignore_file().empty() ? "there is no .dockerignore"
                                                   : ctx.ignore_file().filename().string() + " does not exclude it");
      Finding f = in.at(src.arg->range, msg);
      f.root_cause = "Every commit changes .git, so this COPY layer and every step after it rebuild on each commit "
                     "even when no source file changed, and the full history (with anything ever committed) ships "
                     "in the image.";
      f.fix = "Add to .dockerignore:\n.git\nIf the build needs the revision, pass it in: ARG GIT_COMMIT and "
              "docker build --build-arg GIT_COMMIT=$(git rev-parse HEAD) .";
      f.tags = {"dockerignore", "git"};
      in.propose_append({ignore_file_for_fix(ctx), {".git"}});
      out.add(info_, std::move(f));
      return;  // once per Dockerfile: the fix is the same line
    }
  }

 private:
  const RuleInfo& info_ = ctxrule::ContextRules::add({
      .id = "DD3005",
      .name = "context-git-dir",
      .category = Category::slow_build,
      .severity = Severity::warning,
      .summary = "The .git directory is copied into the image",
      .rationale = "COPY . with .git in the context busts the layer cache on every commit and ships the repository "
                   "history, including secrets that were deleted from the working tree.",
      .fix = "Add .git to .dockerignore; pass the commit id with --build-arg when the build needs it.",
      .tags = {"dockerignore", "git"},
  });
};

DD_DOCKERFILE_RULE(ContextGitDir)

}  // namespace
}  // namespace dd::dockerfile
