// DD1117: zypper install without version pins.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

std::string zy_prefix(const util::PkgUse&) { return "-y "; }
const util::PinSpec zypper_unpinned_spec{{"zypper"}, zy_prefix};

class ZypperUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, zypper_unpinned_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1117",
      .name = "zypper-unpinned",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "zypper install without version pins",
      .rationale = "Without a version pin every rebuild can install a different version, so an image that passed tests is not the one that ships, and a rebuild of an old release can break.",
      .fix = "zypper install -y curl=8.0.1",
      .aliases = {"DL3037"},
  });
};

DD_DOCKERFILE_RULE(ZypperUnpinned)

}  // namespace
}  // namespace dd::dockerfile
