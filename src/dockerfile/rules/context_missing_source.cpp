// DD3006: a COPY/ADD source that is not in the build context, or that
// .dockerignore leaves out: the build fails with "failed to compute cache
// key: ... not found".
#include "dockerfile/rules/context_util.h"
#include "core/text.h"

namespace dd::dockerfile {
namespace {

using namespace ctxrule;

using dd::text::lower;

// A sent path that is probably what was meant: same path in another case,
// or the same base name elsewhere.
std::string near_miss(const context::BuildContext& ctx, std::string_view want) {
  std::string lw = lower(want);
  std::string_view base = base_name(want);
  std::string same_base;
  for (const auto& e : ctx.entries()) {
    if (lower(e.path) == lw) return e.path;
    if (same_base.empty() && base_name(e.path) == base) same_base = e.path;
  }
  return same_base;
}

class ContextMissingSource : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (!in.context || in.context->truncated()) return;
    const auto& ctx = *in.context;
    for (const auto& src : context_sources(in)) {
      std::string path = clean_path(src.path);
      while (!path.empty() && path[0] == '/') path.erase(0, 1);
      const Instruction& ins = *src.ins;
      std::string head = written(ins) + " on line " + std::to_string(ins.range.begin.line);
      if (path.empty() || path == "."sv) {
        whole_context_ignored(in, src, head, out);
        continue;
      }
      if (path.find_first_of("*?[\\") != std::string::npos) continue;
      if (path == ".."sv || path.rfind("../", 0) == 0) {
        Finding f = in.at(src.arg->range, head + ": source " + src.arg->text + " points outside the build context " +
                                              ctx.root().string() + "; the builder cannot read it");
        f.root_cause = "Only files inside the context are sent to the builder; a ../ path never reaches the parent "
                       "folder, so the COPY fails or copies something else.";
        f.fix = "Build from the parent folder (docker build -f " + in.df.path +
                " <parent>) and COPY the path relative to it, or pass it as a named context: "
                "docker build --build-context shared=" + path + " . and COPY --from=shared . <dest>";
        out.add(info_, std::move(f));
        continue;
      }
      if (!ctx.sources(path).empty()) continue;
      const context::IgnorePattern* p = ctx.ignore().deciding(path);
      if (p && !p->exclusion) {
        std::string file = ctx.ignore_file().filename().string();
        Finding f = in.at(src.arg->range, head + ": source " + path + " is excluded by the pattern `" + p->text +
                                              "` on line " + std::to_string(p->line) + " of " + file +
                                              ", so the build fails with \"" + path + ": not found\"");
        f.root_cause = ".dockerignore removes the file from the context before the builder sees it, so COPY cannot "
                       "find it.";
        f.fix = "Add an exception after line " + std::to_string(p->line) + " of " + file + ":\n!" + path;
        f.tags = {"dockerignore"};
        out.add(info_, std::move(f));
        continue;
      }
      std::string msg = head + ": source " + path + " does not exist in the build context " + ctx.root().string() +
                        ", so the build fails with \"failed to compute cache key: " + path + ": not found\"";
      std::string guess = near_miss(ctx, path);
      if (!guess.empty()) msg += "; did you mean " + guess + "?";
      Finding f = in.at(src.arg->range, msg);
      f.root_cause = "COPY/ADD paths are relative to the build context root, not to the Dockerfile or WORKDIR, and "
                     "this one names nothing there.";
      f.fix = guess.empty() ? "Fix the path relative to the context root, or create the file before the build."
                            : ins.keyword + " " + guess + " " + ins.args.back().text;
      out.add(info_, std::move(f));
    }
  }

 private:
  // COPY . under a .dockerignore that leaves out every file (`*`, `**`):
  // the build succeeds and the image has none of the app.
  void whole_context_ignored(const LintInput& in, const Source& src, const std::string& head, Report& out) const {
    const auto& ctx = *in.context;
    if (ctx.excluded().empty()) return;
    for (const auto& e : ctx.entries())
      if (!e.is_dir) return;
    const context::IgnorePattern* p = ctx.ignore().deciding(ctx.excluded().front().path);
    if (!p || p->exclusion) return;
    std::string file = ctx.ignore_file().filename().string();
    Finding f = in.at(src.arg->range, head + " copies nothing: the pattern `" + p->text + "` on line " +
                                          std::to_string(p->line) + " of " + file +
                                          " excludes every file of the context, so the build succeeds and the "
                                          "image has none of the application");
    f.root_cause = ".dockerignore removes the files before the builder sees them; COPY of an empty context is not "
                   "an error.";
    f.fix = "Keep `" + p->text + "` and list what the image needs after it:\n!src\n!package.json";
    f.tags = {"dockerignore"};
    out.add(info_, std::move(f));
  }

  const RuleInfo& info_ = ctxrule::ContextRules::add({
      .id = "DD3006",
      .name = "context-missing-source",
      .category = Category::best_practice,
      .severity = Severity::error,
      .summary = "COPY/ADD source is missing from the build context",
      .rationale = "The build stops with \"failed to compute cache key: not found\" when a source is absent from the "
                   "context or excluded by .dockerignore.",
      .fix = "Correct the path relative to the context root, or add a `!path` exception to .dockerignore.",
      .aliases = {"CopyIgnoredFile"},
      .tags = {"dockerignore"},
  });
};

DD_DOCKERFILE_RULE(ContextMissingSource)

}  // namespace
}  // namespace dd::dockerfile
