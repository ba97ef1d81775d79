// DD1024: COPY --from names its own stage.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class CopyFromSelf : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::COPY || ins.stage < 0) continue;
      const Flag* from = ins.flag("from");
      if (!from || from->value.find('$') != std::string::npos) continue;
      const Stage* st = util::stage_ref(in.df, from->value);
      if (!st || st->index != ins.stage) continue;
      Finding f = in.at(from->range, "COPY --from=" + from->value + " on line " + std::to_string(from->range.begin.line) +
                                         " copies from the stage it is in");
      f.root_cause = "The --from value names the current stage, which is not built yet.";
      f.fix = "COPY --from=<earlier stage> <src> <dest>";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1024",
      .name = "copy-from-self",
      .category = Category::best_practice,
      .severity = Severity::error,
      .summary = "COPY --from names its own stage",
      .rationale = "A stage cannot copy from itself: BuildKit fails with a circular dependency.",
      .fix = "COPY --from=<an earlier stage> ... or a plain COPY from the context",
      .aliases = {"DL3023", "DS006", "AVD-DS-0006"},
  });
};

DD_DOCKERFILE_RULE(CopyFromSelf)

}  // namespace
}  // namespace dd::dockerfile
