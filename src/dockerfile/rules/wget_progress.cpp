// DD1122: wget without --progress floods build logs.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class WgetProgress : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& c : run_commands(in)) {
      if (c.name() != "wget"sv) continue;
      if (util::has_opt(c, {"-q", "--quiet", "-nv", "--no-verbose", "--progress", "-o", "--output-file", "-a",
                            "--append-output", "--show-progress"}))
        continue;
      Range r = c.range(c.prog);
      Finding f = in.at(r, "wget on line " + std::to_string(r.begin.line) +
                               " prints a progress line for every chunk: build logs grow by megabytes per download",
                        util::text_of(in.df, c.whole()));
      f.root_cause = "Without a TTY wget falls back to dot progress, which writes thousands of lines into CI logs.";
      f.fix = "wget --progress=dot:giga <url>  (or wget -q)";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1122",
      .name = "wget-progress",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "wget without --progress",
      .rationale = "Dot progress output of large downloads bloats build logs, slows CI log viewers and hides the real errors.",
      .fix = "wget --progress=dot:giga <url>",
      .aliases = {"DL3047"},
  });
};

DD_DOCKERFILE_RULE(WgetProgress)

}  // namespace
}  // namespace dd::dockerfile
