// DD1006: Duplicate stage name.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class DuplicateStageName : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (size_t i = 0; i < in.df.stages.size(); ++i) {
      const auto& st = in.df.stages[i];
      if (st.name.empty()) continue;
      for (size_t j = 0; j < i; ++j) {
        if (in.df.stages[j].name != st.name) continue;
        const auto& from = in.df.instructions[st.from_index];
        Range r = from.args.size() >= 3 ? from.args[2].range : from.keyword_range;
        int prev = in.df.instructions[in.df.stages[j].from_index].range.begin.line;
        Finding f = in.at(r, "stage name '" + st.name + "' on line " + std::to_string(r.begin.line) +
                                 " is already used by the stage on line " + std::to_string(prev));
        f.root_cause = "Stage names must be unique within a Dockerfile.";
        f.fix = "AS " + st.name + "-" + std::to_string(i);
        Location first = f.location;
        first.line = prev;
        first.column = first.end_line = first.end_column = 0;
        f.related.push_back({std::move(first), "'" + st.name + "' first named here"});
        out.add(info_, std::move(f));
        break;
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1006",
      .name = "duplicate-stage-name",
      .category = Category::best_practice,
      .severity = Severity::error,
      .summary = "Duplicate stage name",
      .rationale = "Two stages with the same name make COPY --from and --target ambiguous; BuildKit refuses to build.",
      .fix = "FROM node:20 AS deps  ...  FROM node:20 AS build",
      .aliases = {"DuplicateStageName", "DL3024", "DS012", "AVD-DS-0012"},
  });
};

DD_DOCKERFILE_RULE(DuplicateStageName)

}  // namespace
}  // namespace dd::dockerfile
