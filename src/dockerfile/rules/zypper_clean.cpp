// DD1116: zypper install without zypper clean.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::CleanSpec zypper_clean_spec{{"zypper"}, "append && zypper clean --all to the same RUN"};

class ZypperClean : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_clean(in, out, info_, zypper_clean_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1116",
      .name = "zypper-no-clean",
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "zypper install without zypper clean",
      .rationale = "The package manager cache stays in the layer of the RUN that filled it; deleting it in a later RUN does not make the image smaller.",
      .fix = "RUN zypper --non-interactive install curl && zypper clean --all",
      .aliases = {"DL3036", "DS020", "AVD-DS-0020"},
  });
};

DD_DOCKERFILE_RULE(ZypperClean)

}  // namespace
}  // namespace dd::dockerfile
