// DD1133: a label of the schema set to an empty value.
#include "dockerfile/rules/label_util.h"

namespace dd::dockerfile {
namespace {

class LabelEmpty : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (in.config.label_schema.empty()) return;
    for (const auto& l : labels::all(in.df)) {
      if (!in.config.label_schema.count(l.kv->key) || !l.kv->value.empty()) continue;
      Finding f = in.at(l.kv->key_range, "label " + l.kv->key + " on line " + std::to_string(l.kv->key_range.begin.line) +
                                             " is empty");
      f.root_cause = "An empty value satisfies the presence check but tells the reader nothing.";
      f.fix = "LABEL " + l.kv->key + "=\"<value>\"";
      f.tags = {"label-schema"};
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1133",
      .name = "label-empty",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Label required by the label schema is empty",
      .rationale = "A required label with an empty value passes a presence check and defeats its purpose.",
      .fix = "LABEL org.opencontainers.image.version=\"1.4.2\"",
      .aliases = {"DL3051"},
  });
};

DD_DOCKERFILE_RULE(LabelEmpty)

}  // namespace
}  // namespace dd::dockerfile
