// DD1107: pip install without version pins.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

std::string pip_prefix(const util::PkgUse& u) { return u.pm().name == "pip"sv ? "--no-cache-dir " : ""; }
const util::PinSpec pip_unpinned_spec{{"pip", "pipx", "uv pip"}, pip_prefix};

class PipUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, pip_unpinned_spec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1107",
      .name = "pip-unpinned",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "pip install without version pins",
      .rationale = "Without a version pin every rebuild can install a different version, so an image that passed tests is not the one that ships, and a rebuild of an old release can break.",
      .fix = "pip install --no-cache-dir flask==3.0.3 (or pip install -r requirements.txt with pinned versions)",
      .aliases = {"DL3013"},
  });
};

DD_DOCKERFILE_RULE(PipUnpinned)

}  // namespace
}  // namespace dd::dockerfile
