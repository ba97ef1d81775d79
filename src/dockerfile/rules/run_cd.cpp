// DD1102: cd in a RUN instead of WORKDIR.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class RunCd : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      const auto& cmds = util::commands(in, ins);
      for (size_t i = 0; i < cmds.size(); ++i) {
        const auto& c = cmds[i];
        // Only a top-level cd that later commands depend on; `(cd x && make)`
        // is scoped on purpose, and a trailing cd does nothing.
        if (c.name() != "cd"sv || c.prog != 0 || c.cmd->depth != 0 || i + 1 == cmds.size()) continue;
        std::string dir = c.size() > 1 ? std::string(c.arg(1)) : std::string("~");
        Range r = c.range(0);
        Finding f = in.at(r, "cd " + dir + " on line " + std::to_string(r.begin.line) +
                                 " changes directory for this RUN only; use WORKDIR so every later instruction sees it",
                          util::text_of(in.df, c.whole()));
        f.root_cause = "Each RUN starts in the WORKDIR again, so a cd is easy to forget in the next RUN and hides the layout.";
        f.fix = "WORKDIR " + (dir.empty() || dir[0] == '/' || dir[0] == '$' ? dir : "/" + dir);
        out.add(info_, util::scrub(std::move(f)));
      }
    }
  }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD1102",
      .name = "run-cd",
      .domain = Domain::dockerfile,
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "cd in RUN instead of WORKDIR",
      .rationale = "A cd only lasts for one RUN; the next RUN, COPY or CMD runs in the WORKDIR again, which breaks relative paths silently.",
      .fix = "WORKDIR /app",
      .aliases = {"DL3003", "DS013", "AVD-DS-0013"},
  });
};

DD_DOCKERFILE_RULE(RunCd)

}  // namespace
}  // namespace dd::dockerfile
