// DD1103: sudo in a RUN.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class SudoInRun : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      for (const auto& c : commands(in, ins)) {
        if (util::basename(c.arg(0)) != "sudo"sv) continue;
        Range r = c.range(0);
        Finding f = in.at(r, "sudo on line " + std::to_string(r.begin.line) +
                                 ": a RUN already runs as the USER of the stage; sudo is usually absent and fails, or ships a privilege escalation path",
                          util::text_of(in.df, c.whole()));
        f.root_cause = "sudo needs a TTY-less sudoers setup and a setuid binary in the image; switching USER is the Dockerfile way.";
        f.fix = "USER root\nRUN <command>\nUSER app";
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1103",
      .name = "sudo-in-run",
      .category = Category::runs_as_root,
      .severity = Severity::error,
      .summary = "sudo used in RUN",
      .rationale = "sudo is missing from most base images (the build fails), and where present it keeps a setuid escalation path in the runtime image.",
      .fix = "Switch with USER root before the RUN and back to the app user after it.",
      .aliases = {"DL3004", "DS010", "AVD-DS-0010"},
      .security = true,
  });
};

DD_DOCKERFILE_RULE(SudoInRun)

}  // namespace
}  // namespace dd::dockerfile
