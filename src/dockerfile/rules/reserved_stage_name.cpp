// DD1007: Reserved word used as a stage name.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class ReservedStageName : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& st : in.df.stages) {
      if (st.name != "scratch"sv && st.name != "context"sv) continue;
      const auto& from = in.df.instructions[st.from_index];
      Range r = from.args.size() >= 3 ? from.args[2].range : from.keyword_range;
      Finding f = in.at(r, "'" + st.name + "' on line " + std::to_string(r.begin.line) +
                               " is reserved and cannot be used as a stage name");
      f.root_cause = "BuildKit gives '" + st.name + "' its own meaning, so references to this stage resolve elsewhere.";
      f.fix = "AS " + st.name + "-stage";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1007",
      .name = "reserved-stage-name",
      .category = Category::best_practice,
      .severity = Severity::error,
      .summary = "Reserved word used as a stage name",
      .rationale = "'scratch' and 'context' have special meaning in FROM and COPY --from; a stage with that name is ignored or shadows the built-in.",
      .fix = "FROM alpine:3.20 AS base",
      .aliases = {"ReservedStageName", "DL3063"},
  });
};

DD_DOCKERFILE_RULE(ReservedStageName)

}  // namespace
}  // namespace dd::dockerfile
