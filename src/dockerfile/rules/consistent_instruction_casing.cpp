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
      // A word that is no instruction ('this', a typo) is a parse error
      // (DD0001), not a casing question.
      if (ins.kind == Kw::other) continue;
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
      // The line with the keyword re-cased: pasteable as it is.
      f.fix = fixed;
      if (ins->keyword_range.begin.line >= 1 && static_cast<size_t>(ins->keyword_range.begin.line) <= in.df.lines.size()) {
        std::string line = in.df.lines[ins->keyword_range.begin.line - 1];
        size_t col = static_cast<size_t>(std::max(ins->keyword_range.begin.column, 1)) - 1;
        if (col + kw.size() <= line.size()) f.fix = line.replace(col, kw.size(), fixed);
      }
      in.propose({ins->keyword_range, fixed});
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1005",
      .name = "consistent-instruction-casing",
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
