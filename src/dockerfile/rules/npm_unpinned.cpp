// DD1108: npm install of a package without a version.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::PinSpec npm_unpinned_spec{{"npm"}};

class NpmUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, npm_unpinned_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1108",
      .name = "npm-unpinned",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "npm install of a package without a version",
      .rationale = "Without a version pin every rebuild can install a different version, so an image that passed tests is not the one that ships, and a rebuild of an old release can break.",
      .fix = "npm install -g typescript@5.4.5",
      .aliases = {"DL3016"},
  });
};

DD_DOCKERFILE_RULE(NpmUnpinned)

}  // namespace
}  // namespace dd::dockerfile
