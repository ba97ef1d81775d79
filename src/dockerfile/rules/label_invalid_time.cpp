// DD1135: Label of type rfc3339 in the label schema is not an RFC 3339 time.
#include "dockerfile/rules/label_util.h"
namespace dd::dockerfile {
namespace {

class LabelInvalidTime : public labels::TypedLabelRule {
 public:
  LabelInvalidTime() : TypedLabelRule("rfc3339", "an RFC 3339 time", "2024-05-01T12:00:00Z") {}
  const RuleInfo& info() const override { return info_; }

 protected:
  bool valid(std::string_view v) const override {
    return labels::rfc3339(v);
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1135",
      .name = "label-invalid-time",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Label of type rfc3339 in the label schema is not an RFC 3339 time",
      .rationale = "A label the schema types as rfc3339 (created) must be a full timestamp with a zone, as docker build --label created=$(date -u +%Y-%m-%dT%H:%M:%SZ) writes.",
      .fix = "LABEL <name>=\"2024-05-01T12:00:00Z\"",
      .aliases = {"DL3053"},
  });
};

DD_DOCKERFILE_RULE(LabelInvalidTime)

}  // namespace
}  // namespace dd::dockerfile
