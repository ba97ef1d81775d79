// DD1131: a label the schema requires is not set on an image the file builds.
#include "dockerfile/rules/label_util.h"

namespace dd::dockerfile {
namespace {

class LabelMissing : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (in.config.label_schema.empty()) return;
    for (const Stage* target : labels::targets(in.df)) {
      std::set<std::string> set;  // labels the image carries: its own and its base stages'
      for (const Stage* s : inc::stage_chain(in.df, target))
        for (size_t i : s->instructions)
          if (i < in.df.instructions.size() && in.df.instructions[i].kind == Kw::LABEL)
            for (const auto& kv : in.df.instructions[i].pairs) set.insert(kv.key);
      if (target->from_index >= in.df.instructions.size()) continue;
      const Instruction& from = in.df.instructions[target->from_index];
      for (const auto& [name, type] : in.config.label_schema) {
        if (set.count(name)) continue;
        Finding f = in.at(from, "label " + name + " is missing from the image built by the stage on line " +
                                    std::to_string(from.range.begin.line) +
                                    (target->name.empty() ? "" : " (" + target->name + ")"));
        f.root_cause = "The label schema requires " + name + " on every image; without it the image cannot be traced "
                       "to its source, owner or licence by the tools that read labels.";
        f.fix = "LABEL " + name + "=\"" + std::string(type == "text" ? "..." : "<" + type + ">") + "\"";
        f.tags = {"label-schema"};
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1131",
      .name = "label-missing",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "Label required by the label schema is missing",
      .rationale = "Teams require labels (source, revision, licence, owner) so that every running image can be "
                   "traced; an image built without them fails that audit. Only active with a label schema.",
      .fix = "LABEL org.opencontainers.image.source=\"https://github.com/acme/app\"",
      .aliases = {"DL3049"},
  });
};

DD_DOCKERFILE_RULE(LabelMissing)

}  // namespace
}  // namespace dd::dockerfile
