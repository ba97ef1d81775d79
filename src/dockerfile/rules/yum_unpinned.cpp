// DD1113: yum install without version pins.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

std::string rpm_prefix(const util::PkgUse&) { return "-y "; }
const util::PinSpec yum_unpinned_spec{{"yum"}, rpm_prefix};

class YumUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, yum_unpinned_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1113",
      .name = "yum-unpinned",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "yum install without version pins",
      .rationale = "Without a version pin every rebuild can install a different version, so an image that passed tests is not the one that ships, and a rebuild of an old release can break.",
      .fix = "yum install -y httpd-2.4.6",
      .aliases = {"DL3033"},
  });
};

DD_DOCKERFILE_RULE(YumUnpinned)

}  // namespace
}  // namespace dd::dockerfile
