// DD1016: --platform=$TARGETPLATFORM is redundant.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class RedundantTargetPlatform : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::FROM) continue;
      const Flag* p = ins.flag("platform");
      if (!p || (p->value != "$TARGETPLATFORM"sv && p->value != "${TARGETPLATFORM}"sv)) continue;
      Finding f = in.at(p->range, "--platform=" + p->value + " on line " + std::to_string(p->range.begin.line) +
                                      " is the default and can be removed");
      f.root_cause = "FROM resolves images for the target platform unless told otherwise.";
      f.fix = "FROM " + (ins.args.empty() ? std::string("<image>") : ins.args[0].text);
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1016",
      .name = "redundant-target-platform",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "--platform=$TARGETPLATFORM is redundant",
      .rationale = "FROM already uses the target platform by default; spelling it out adds noise and suggests a cross-build that is not there.",
      .fix = "FROM alpine:3.20",
      .aliases = {"RedundantTargetPlatform", "DL3065"},
  });
};

DD_DOCKERFILE_RULE(RedundantTargetPlatform)

}  // namespace
}  // namespace dd::dockerfile
