// DD1139: Label of type email in the label schema is not an email address.
#include "dockerfile/rules/label_util.h"
namespace dd::dockerfile {
namespace {

class LabelInvalidEmail : public labels::TypedLabelRule {
 public:
  LabelInvalidEmail() : TypedLabelRule("email", "an email address", "team@example.com") {}
  const RuleInfo& info() const override { return info_; }

 protected:
  bool valid(std::string_view v) const override {
    // "Jane Doe <jane@example.com>" names an address too.
    size_t lt = v.find('<');
    if (lt != std::string_view::npos) {
      if (v.back() != '>') return false;
      v = v.substr(lt + 1, v.size() - lt - 2);
    }
    return labels::email(v);
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1139",
      .name = "label-invalid-email",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Label of type email in the label schema is not an email address",
      .rationale = "A label the schema types as email (maintainer, authors) must be an address, or Name <address>, so that the owner can be reached.",
      .fix = "LABEL <name>=\"team@example.com\"",
      .aliases = {"DL3058"},
  });
};

DD_DOCKERFILE_RULE(LabelInvalidEmail)

}  // namespace
}  // namespace dd::dockerfile
