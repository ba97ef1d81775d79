// DD1005: Instruction casing is inconsistent.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

enum class Case { upper, lower, mixed };
Case case_of(std::string_view s) {
  bool up = false, low = false;
  for (char c : s) {
    up = up || (c >= 'A' && c <= 'Z');
    low = low || (c >= 'a' && c <= 'z');
  }
  return up && low ? Case::mixed : (low ? Case::lower : Case::upper);
}

class ConsistentInstructionCasing : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    int upper = 0, lower = 0;
    std::vector<std::pair<const Instruction*, std::string>> words;
    for (const auto& ins : in.df.instructions) {
      std::string kw = util::text_of(in.df, ins.keyword_range);
      if (kw.empty()) continue;
      Case c = case_of(kw);
      upper += c == Case::upper;
      lower += c == Case::lower;
      words.emplace_back(&ins, kw);
    }
    bool want_lower = lower > upper;
    for (const auto& [ins, kw] : words) {
      Case c = case_of(kw);
      if (c == (want_lower ? Case::lower : Case::upper)) continue;
      std::string fixed = want_lower ? util::lower(kw) : ins->keyword;
      Finding f = in.at(ins->keyword_range, "instruction '" + kw + "' on line " + std::to_string(ins->keyword_range.begin.line) +
                                                " should match the " + (want_lower ? "lower" : "upper") +
                                                " case used by the rest of the file: '" + fixed + "'");
      f.root_cause = "The keyword is written in a different case from the majority of instructions.";
      f.fix = fixed;
      in.propose({ins->keyword_range, fixed});
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD1005",
      .name = "consistent-instruction-casing",
      .domain = Domain::dockerfile,
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Instruction casing is inconsistent",
      .rationale = "Mixed instruction casing makes Dockerfiles hard to read and grep; BuildKit flags instructions that differ from the majority.",
      .fix = "Write every instruction keyword in upper case: RUN, COPY, FROM.",
      .aliases = {"ConsistentInstructionCasing", "CommandCasing"},
  });
};

DD_DOCKERFILE_RULE(ConsistentInstructionCasing)

}  // namespace
}  // namespace dd::dockerfile
