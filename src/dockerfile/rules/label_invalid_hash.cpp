// DD1137: Label of type hash in the label schema is not a git commit hash.
#include "dockerfile/rules/label_util.h"
namespace dd::dockerfile {
namespace {

class LabelInvalidHash : public labels::TypedLabelRule {
 public:
  LabelInvalidHash() : TypedLabelRule("hash", "a git commit hash", "0123456789abcdef0123456789abcdef01234567") {}
  const RuleInfo& info() const override { return info_; }

 protected:
  bool valid(std::string_view v) const override {
    if (!(v.size() >= 7 && v.size() <= 40) && v.size() != 64) return false;
    return labels::all_of(v, [](char c) { return labels::digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); });
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1137",
      .name = "label-invalid-hash",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Label of type hash in the label schema is not a git commit hash",
      .rationale = "A label the schema types as hash (revision) must be a commit id, 7 to 40 hex digits (64 for SHA-256 repositories), so the image can be traced to its commit.",
      .fix = "LABEL <name>=\"0123456789abcdef0123456789abcdef01234567\"",
      .aliases = {"DL3055"},
  });
};

DD_DOCKERFILE_RULE(LabelInvalidHash)

}  // namespace
}  // namespace dd::dockerfile
