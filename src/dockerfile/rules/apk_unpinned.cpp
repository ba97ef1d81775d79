// DD1109: apk add without version pins.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

std::string apk_prefix(const util::PkgUse&) { return "--no-cache "; }
const util::PinSpec apk_unpinned_spec{{"apk"}, apk_prefix};

class ApkUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, apk_unpinned_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1109",
      .name = "apk-unpinned",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "apk add without version pins",
      .rationale = "Without a version pin every rebuild can install a different version, so an image that passed tests is not the one that ships, and a rebuild of an old release can break.",
      .fix = "apk add --no-cache curl=8.5.0-r0",
      .aliases = {"DL3018"},
  });
};

DD_DOCKERFILE_RULE(ApkUnpinned)

}  // namespace
}  // namespace dd::dockerfile
