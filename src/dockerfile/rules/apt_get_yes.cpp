// DD1105: apt-get without -y.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::YesSpec apt_get_yes_spec{{"apt-get", "apt", "aptitude"}, "-y"};

class AptGetYes : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_yes(in, out, info_, apt_get_yes_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1105",
      .name = "apt-get-no-yes",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "apt-get without -y",
      .rationale = "A build has no terminal: the confirmation prompt reads end-of-file, the package manager answers no and the RUN fails, so the build breaks as soon as a dependency needs confirming.",
      .fix = "apt-get install -y --no-install-recommends curl",
      .aliases = {"DL3014", "DS021", "AVD-DS-0021"},
  });
};

DD_DOCKERFILE_RULE(AptGetYes)

}  // namespace
}  // namespace dd::dockerfile
