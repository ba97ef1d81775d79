// DD1112: yum install without yum clean all.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::CleanSpec yum_clean_spec{{"yum"}, "append && yum clean all && rm -rf /var/cache/yum to the same RUN"};

class YumClean : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_clean(in, out, info_, yum_clean_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1112",
      .name = "yum-no-clean",
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "yum install without yum clean all",
      .rationale = "The package manager cache stays in the layer of the RUN that filled it; deleting it in a later RUN does not make the image smaller.",
      .fix = "RUN yum install -y httpd && yum clean all && rm -rf /var/cache/yum",
      .aliases = {"DL3032", "DS015", "AVD-DS-0015"},
  });
};

DD_DOCKERFILE_RULE(YumClean)

}  // namespace
}  // namespace dd::dockerfile
