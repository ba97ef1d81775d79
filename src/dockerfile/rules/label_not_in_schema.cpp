// DD1132: with strict labels, a LABEL key that the schema does not list.
#include "dockerfile/rules/label_util.h"

namespace dd::dockerfile {
namespace {

class LabelNotInSchema : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (!in.config.strict_labels) return;
    for (const auto& l : labels::all(in.df)) {
      if (in.config.label_schema.count(l.kv->key)) continue;
      Finding f = in.at(l.kv->key_range, "label " + l.kv->key + " on line " + std::to_string(l.kv->key_range.begin.line) +
                                             " is not in the label schema, and strict labels are on");
      f.root_cause = "Strict labels allow only the labels of the schema, so that images do not leak internal "
                     "details or carry keys that label parsers misread.";
      f.fix = "Remove the label, or add " + l.kv->key + " to label_schema in .drydock.yaml";
      f.tags = {"label-schema"};
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1132",
      .name = "label-not-in-schema",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "Label not in the label schema (strict labels)",
      .rationale = "With strict_labels (hadolint --strict-labels), every label must be one the schema lists; other "
                   "labels can leak information or confuse the tools that read them. With no schema, every label "
                   "is superfluous.",
      .fix = "label_schema: {org.opencontainers.image.source: url}\nstrict_labels: true",
      .aliases = {"DL3050"},
  });
};

DD_DOCKERFILE_RULE(LabelNotInSchema)

}  // namespace
}  // namespace dd::dockerfile
