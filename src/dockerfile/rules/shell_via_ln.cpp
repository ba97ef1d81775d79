// DD1127: replacing /bin/sh with a symlink instead of using SHELL.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class ShellViaLn : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& c : run_commands(in)) {
      if (c.name() != "ln"sv || !util::has_opt(c, {"-s", "--symbolic"})) continue;
      auto ops = util::operands(c, {"-t", "--target-directory", "-S", "--suffix"});
      if (ops.size() < 2 || c.arg(ops.back()) != "/bin/sh"sv) continue;
      std::string target(c.arg(ops.front()));
      Range r = c.range(ops.back());
      Finding f = in.at(r, "ln on line " + std::to_string(r.begin.line) + " replaces /bin/sh with " + target +
                               "; use a SHELL instruction to change the shell of RUN",
                        util::text_of(in.df, c.whole()));
      f.root_cause = "Relinking /bin/sh changes the shell of every script in the image, including package maintainer scripts that expect a POSIX sh.";
      f.fix = "SHELL [\"" + target + "\", \"-o\", \"pipefail\", \"-c\"]";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1127",
      .name = "shell-via-ln",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "/bin/sh replaced with a symlink",
      .rationale = "Overwriting /bin/sh affects every program in the image that runs sh, not only the Dockerfile's RUN steps.",
      .fix = "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
      .aliases = {"DL4005"},
  });
};

DD_DOCKERFILE_RULE(ShellViaLn)

}  // namespace
}  // namespace dd::dockerfile
