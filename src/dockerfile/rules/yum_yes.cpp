// DD1111: yum without -y.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::YesSpec yum_yes_spec{{"yum"}, "-y"};

class YumYes : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_yes(in, out, info_, yum_yes_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1111",
      .name = "yum-no-yes",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "yum without -y",
      .rationale = "A build has no terminal: the confirmation prompt reads end-of-file, the package manager answers no and the RUN fails, so the build breaks as soon as a dependency needs confirming.",
      .fix = "yum install -y httpd",
      .aliases = {"DL3030"},
  });
};

DD_DOCKERFILE_RULE(YumYes)

}  // namespace
}  // namespace dd::dockerfile
