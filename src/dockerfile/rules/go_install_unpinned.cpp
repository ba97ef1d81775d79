// DD1125: go install of a module without a version.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::PinSpec kSpec{{"go"}};

class GoInstallUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, kSpec); }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1125",
      .name = "go-install-unpinned",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "go install without a version",
      .rationale = "go install pkg@latest (or without @version outside a module) fetches whatever was tagged last, so two builds of the same commit differ.",
      .fix = "go install golang.org/x/tools/cmd/goimports@v0.21.0",
      .aliases = {"DL3062"},
  });
};

DD_DOCKERFILE_RULE(GoInstallUnpinned)

}  // namespace
}  // namespace dd::dockerfile
