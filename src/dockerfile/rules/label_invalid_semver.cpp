// DD1138: Label of type semver in the label schema is not a semantic version.
#include "dockerfile/rules/label_util.h"
namespace dd::dockerfile {
namespace {

class LabelInvalidSemver : public labels::TypedLabelRule {
 public:
  LabelInvalidSemver() : TypedLabelRule("semver", "a semantic version", "1.4.2") {}
  const RuleInfo& info() const override { return info_; }

 protected:
  bool valid(std::string_view v) const override {
    return labels::semver(v);
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1138",
      .name = "label-invalid-semver",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Label of type semver in the label schema is not a semantic version",
      .rationale = "A label the schema types as semver (version) must be MAJOR.MINOR.PATCH with optional -prerelease and +build (semver.org 2.0.0), without a leading v.",
      .fix = "LABEL <name>=\"1.4.2\"",
      .aliases = {"DL3056"},
  });
};

DD_DOCKERFILE_RULE(LabelInvalidSemver)

}  // namespace
}  // namespace dd::dockerfile
