// DD1114: zypper without --non-interactive.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::YesSpec zypper_yes_spec{{"zypper"}, "--non-interactive"};

class ZypperYes : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_yes(in, out, info_, zypper_yes_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1114",
      .name = "zypper-no-yes",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "zypper without --non-interactive",
      .rationale = "A build has no terminal: the confirmation prompt reads end-of-file, the package manager answers no and the RUN fails, so the build breaks as soon as a dependency needs confirming.",
      .fix = "zypper --non-interactive install curl",
      .aliases = {"DL3034"},
  });
};

DD_DOCKERFILE_RULE(ZypperYes)

}  // namespace
}  // namespace dd::dockerfile
