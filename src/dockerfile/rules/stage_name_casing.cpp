// DD1002: Stage name is not lowercase.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class StageNameCasing : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::FROM || ins.args.size() < 3) continue;
      const auto& name = ins.args[2];
      std::string low = util::lower(name.text);
      if (low == name.text) continue;
      Finding f = in.at(name.range, "stage name '" + name.text + "' on line " + std::to_string(name.range.begin.line) +
                                        " should be lowercase");
      f.root_cause = "BuildKit lower-cases stage names, so the spelling in the file differs from the name the build uses.";
      f.fix = "AS " + low;
      in.propose({name.range, low});
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1002",
      .name = "stage-name-casing",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Stage name is not lowercase",
      .rationale = "Stage names are matched case-insensitively and stored lower-case; mixed case invites references that look different from the stage they name.",
      .fix = "FROM golang:1.22 AS builder",
      .aliases = {"StageNameCasing"},
  });
};

DD_DOCKERFILE_RULE(StageNameCasing)

}  // namespace
}  // namespace dd::dockerfile
