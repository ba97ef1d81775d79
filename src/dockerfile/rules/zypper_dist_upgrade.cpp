// DD1115: zypper dist-upgrade in a build.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class ZypperDistUpgrade : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions)
      for (const util::PkgUse* u : util::pkg_uses(in, ins, {"zypper"}, {dd::kb::PkgAction::dist_upgrade})) {
      const Cmd& c = u->c;
      size_t sub = u->k.sub;
      Range r = c.range(sub);
      Finding f = in.at(r, "zypper " + std::string(c.arg(sub)) + " on line " + std::to_string(r.begin.line) +
                               " upgrades the whole distribution inside the build: the result depends on the day of the build",
                        util::text_of(in.df, c.whole()));
      f.root_cause = "A distribution upgrade in a Dockerfile replaces what the base image tag promised with whatever the repositories hold today.";
      f.fix = "use a newer base image tag instead, or zypper --non-interactive patch for security updates";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1115",
      .name = "zypper-dist-upgrade",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "zypper dist-upgrade in a Dockerfile",
      .rationale = "A distribution upgrade makes builds unreproducible and can move the image to a new major release silently.",
      .fix = "Use a newer base image tag.",
      .aliases = {"DL3035"},
  });
};

DD_DOCKERFILE_RULE(ZypperDistUpgrade)

}  // namespace
}  // namespace dd::dockerfile
