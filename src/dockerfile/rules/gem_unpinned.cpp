// DD1110: gem install without a version.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::PinSpec gem_unpinned_spec{{"gem"}};

class GemUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, gem_unpinned_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1110",
      .name = "gem-unpinned",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "gem install without a version",
      .rationale = "Without a version pin every rebuild can install a different version, so an image that passed tests is not the one that ships, and a rebuild of an old release can break.",
      .fix = "gem install bundler -v 2.5.11",
      .aliases = {"DL3028"},
  });
};

DD_DOCKERFILE_RULE(GemUnpinned)

}  // namespace
}  // namespace dd::dockerfile
