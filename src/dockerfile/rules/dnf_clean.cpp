// DD1119: dnf install without dnf clean all.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::CleanSpec dnf_clean_spec{{"dnf", "dnf5", "microdnf"}, "append && dnf clean all (or microdnf clean all) to the same RUN"};

class DnfClean : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_clean(in, out, info_, dnf_clean_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1119",
      .name = "dnf-no-clean",
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "dnf install without dnf clean all",
      .rationale = "The package manager cache stays in the layer of the RUN that filled it; deleting it in a later RUN does not make the image smaller.",
      .fix = "RUN dnf install -y httpd && dnf clean all",
      .aliases = {"DL3040", "DS019", "AVD-DS-0019", "DS027", "AVD-DS-0027"},
  });
};

DD_DOCKERFILE_RULE(DnfClean)

}  // namespace
}  // namespace dd::dockerfile
