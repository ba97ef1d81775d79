// DD1136: Label of type spdx in the label schema is not an SPDX license expression.
#include "dockerfile/rules/label_util.h"
namespace dd::dockerfile {
namespace {

class LabelInvalidSpdx : public labels::TypedLabelRule {
 public:
  LabelInvalidSpdx() : TypedLabelRule("spdx", "an SPDX license expression", "Apache-2.0") {}
  const RuleInfo& info() const override { return info_; }

 protected:
  bool valid(std::string_view v) const override {
    return labels::spdx_expression(v);
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1136",
      .name = "label-invalid-spdx",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Label of type spdx in the label schema is not an SPDX license expression",
      .rationale = "A label the schema types as spdx (licenses) must be an SPDX license id or expression (MIT, Apache-2.0 OR MIT, GPL-2.0-only WITH Classpath-exception-2.0) so that licence scanners can read it.",
      .fix = "LABEL <name>=\"Apache-2.0\"",
      .aliases = {"DL3054"},
  });
};

DD_DOCKERFILE_RULE(LabelInvalidSpdx)

}  // namespace
}  // namespace dd::dockerfile
