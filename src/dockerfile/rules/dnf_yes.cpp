// DD1118: dnf without -y.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::YesSpec dnf_yes_spec{{"dnf", "dnf5", "microdnf"}, "-y"};

class DnfYes : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_yes(in, out, info_, dnf_yes_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1118",
      .name = "dnf-no-yes",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "dnf without -y",
      .rationale = "A build has no terminal: the confirmation prompt reads end-of-file, the package manager answers no and the RUN fails, so the build breaks as soon as a dependency needs confirming.",
      .fix = "dnf install -y httpd",
      .aliases = {"DL3038"},
  });
};

DD_DOCKERFILE_RULE(DnfYes)

}  // namespace
}  // namespace dd::dockerfile
