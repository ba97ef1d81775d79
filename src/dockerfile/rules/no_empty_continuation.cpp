// DD1004: Empty line inside a continuation.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class NoEmptyContinuation : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      int first = ins.range.begin.line, last = ins.range.end.line;
      for (const auto& h : ins.heredocs)
        if (h.range.begin.line > 0) last = std::min(last, h.range.begin.line - 1);
      if (last > static_cast<int>(in.df.lines.size())) last = static_cast<int>(in.df.lines.size());
      for (int l = first + 1; l < last; ++l) {
        const std::string& text = in.df.lines[l - 1];
        if (text.find_first_not_of(" \t\r") != std::string::npos) continue;
        Range empty{{l, 1}, {l, std::max(2, static_cast<int>(text.size()) + 1)}};
        // BuildKit reports the line where the continued instruction ends;
        // the empty line is named in the text and as the related place.
        const int end_line = std::max(last, first);  // before any heredoc body
        const int end_col = end_line <= static_cast<int>(in.df.lines.size())
                                ? static_cast<int>(in.df.lines[end_line - 1].size()) + 1
                                : 2;
        Range r{{end_line, 1}, {end_line, std::max(2, end_col)}};
        Finding f = in.at(r, "empty continuation line " + std::to_string(l) + " inside the " + ins.keyword +
                                 " that starts on line " + std::to_string(first) + " and ends on line " +
                                 std::to_string(end_line),
                          "(empty line inside " + ins.keyword + ")");
        Related rel;
        rel.location = in.at(empty, "").location;
        rel.message = "the empty line";
        f.related.push_back(std::move(rel));
        f.root_cause = "A blank line follows a line that ends with the escape character.";
        f.fix = "delete line " + std::to_string(l);
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1004",
      .name = "no-empty-continuation",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Empty line inside a continuation",
      .rationale = "BuildKit accepts blank lines inside a backslash continuation only for compatibility and announces they will become errors; a blank line there also hides where the instruction really ends.",
      .fix = "Remove the blank line, or end the instruction before it.",
      .aliases = {"NoEmptyContinuation", "NoEmptyContinuations"},
  });
};

DD_DOCKERFILE_RULE(NoEmptyContinuation)

}  // namespace
}  // namespace dd::dockerfile
