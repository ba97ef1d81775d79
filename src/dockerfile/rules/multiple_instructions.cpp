// DD1012: Multiple CMD, ENTRYPOINT or HEALTHCHECK in one stage.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class MultipleInstructions : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& st : in.df.stages) {
      for (std::string_view kw : {"CMD", "ENTRYPOINT", "HEALTHCHECK"}) {
        std::vector<const Instruction*> seen;
        for (size_t i : st.instructions)
          if (i < in.df.instructions.size() && in.df.instructions[i].keyword == kw) seen.push_back(&in.df.instructions[i]);
        if (seen.size() < 2) continue;
        int last = seen.back()->range.begin.line;
        for (size_t k = 0; k + 1 < seen.size(); ++k) {
          const auto* ins = seen[k];
          Finding f = in.at(ins->keyword_range, std::string(kw) + " on line " + std::to_string(ins->range.begin.line) +
                                                    " has no effect: the " + std::string(kw) + " on line " +
                                                    std::to_string(last) + " overrides it");
          f.root_cause = "A stage keeps only its last " + std::string(kw) + ".";
          f.fix = "remove the " + std::string(kw) + " on line " + std::to_string(ins->range.begin.line);
          out.add(info_, std::move(f));
        }
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1012",
      .name = "multiple-instructions",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Multiple CMD, ENTRYPOINT or HEALTHCHECK in one stage",
      .rationale = "Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect; the earlier ones are dead code that readers believe runs.",
      .fix = "Keep one CMD, one ENTRYPOINT and one HEALTHCHECK per stage.",
      .aliases = {"MultipleInstructionsDisallowed", "DL4003", "DL4004", "DL3012", "DS007", "AVD-DS-0007", "DS016", "AVD-DS-0016", "DS023", "AVD-DS-0023"},
  });
};

DD_DOCKERFILE_RULE(MultipleInstructions)

}  // namespace
}  // namespace dd::dockerfile
