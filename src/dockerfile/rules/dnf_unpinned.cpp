// DD1120: dnf install without version pins.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

std::string rpm_prefix(const util::PkgUse&) { return "-y "; }
const util::PinSpec dnf_unpinned_spec{{"dnf", "dnf5", "microdnf"}, rpm_prefix};

class DnfUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, dnf_unpinned_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1120",
      .name = "dnf-unpinned",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "dnf install without version pins",
      .rationale = "Without a version pin every rebuild can install a different version, so an image that passed tests is not the one that ships, and a rebuild of an old release can break.",
      .fix = "dnf install -y httpd-2.4.57",
      .aliases = {"DL3041"},
  });
};

DD_DOCKERFILE_RULE(DnfUnpinned)

}  // namespace
}  // namespace dd::dockerfile
