// DD1141: an inline ignore pragma (hadolint DL1001). Off unless a severity is
// given to it, as in hadolint: `--warning DL1001`, or `severity: {DD1141:
// warning}` in the config.
#include "dockerfile/pragma.h"
#include "dockerfile/rule.h"

namespace dd::dockerfile {
namespace {

class InlineIgnorePragma : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (in.core.severity_for(info_.id, Severity::none) == Severity::none) return;
    for (const auto& c : in.df.comments) {
      auto pragma = ignore_pragma(c.text);
      if (!pragma) continue;
      std::string ids;
      for (const auto& id : pragma->ids) ids += (ids.empty() ? "" : ",") + id;
      Range r{{c.line, 1}, {c.line, 1}};
      if (c.line >= 1 && static_cast<size_t>(c.line) <= in.df.lines.size())
        r.end.column = static_cast<int>(in.df.lines[c.line - 1].size()) + 1;
      Finding f = in.at(r, std::string(pragma->global ? "A global inline pragma" : "An inline pragma") +
                               " turns off " + (ids.empty() ? "no rule" : ids) +
                               (pragma->global ? " for the whole file" : " for the next instruction"));
      f.root_cause = "The team's policy keeps exceptions in the configuration file, where they are reviewed in one "
                     "place; this comment hides findings from that review.";
      f.fix = ids.empty() ? "Delete the comment." : "Delete the comment and add " + ids + " to 'ignore' (or 'ignore_paths') in .drydock.yaml.";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1141",
      .name = "inline-ignore-pragma",
      .category = Category::best_practice,
      .severity = Severity::none,
      .summary = "Inline ignore pragma",
      .rationale = "`# drydock ignore=` and `# hadolint ignore=` comments silence findings where no reviewer of the "
                   "lint configuration sees them. Teams that want every exception in one reviewed file turn this rule "
                   "on, as hadolint's DL1001.",
      .fix = "Move the exception to 'ignore' or 'ignore_paths' in .drydock.yaml",
      .aliases = {"DL1001"},
  });
};

DD_DOCKERFILE_RULE(InlineIgnorePragma)

}  // namespace
}  // namespace dd::dockerfile
