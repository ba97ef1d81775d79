// DD1104: apt-get install without version pins.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

std::string apt_prefix(const util::PkgUse&) { return "-y --no-install-recommends "; }
const util::PinSpec apt_unpinned_spec{{"apt-get", "apt", "aptitude"}, apt_prefix};

class AptUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, apt_unpinned_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1104",
      .name = "apt-unpinned",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "apt-get install without version pins",
      .rationale = "Without a version pin every rebuild can install a different version, so an image that passed tests is not the one that ships, and a rebuild of an old release can break.",
      .fix = "apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5",
      .aliases = {"DL3008"},
  });
};

DD_DOCKERFILE_RULE(AptUnpinned)

}  // namespace
}  // namespace dd::dockerfile
