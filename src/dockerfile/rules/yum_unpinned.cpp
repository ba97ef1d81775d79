// DD1113: yum install without version pins.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

bool rpm_pinned(std::string_view p) {
  if (p.find_first_of("=<>") != std::string_view::npos) return true;
  for (size_t i = 0; i + 1 < p.size(); ++i)
    if (p[i] == '-' && p[i + 1] >= '0' && p[i + 1] <= '9') return true;
  return false;
}
bool rpm_skip(std::string_view p) { return !p.empty() && p[0] == '@'; }
std::string rpm_example(std::string_view p) { return "-y " + std::string(p) + "-<version>"; }
const util::PinSpec spec{{"yum"}, {"install"}, {"-c", "--config", "--enablerepo", "--disablerepo", "--installroot", "--releasever", "-x", "--exclude", "--setopt", "-d", "-e"}, rpm_pinned, rpm_skip, rpm_example};

class YumUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, spec); }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD1113",
      .name = "yum-unpinned",
      .domain = Domain::dockerfile,
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "yum install without version pins",
      .rationale = "Without a version pin every rebuild can install a different version, so an image that passed tests is not the one that ships, and a rebuild of an old release can break.",
      .fix = "yum install -y httpd-2.4.6",
      .aliases = {"DL3033"},
  });
};

DD_DOCKERFILE_RULE(YumUnpinned)

}  // namespace
}  // namespace dd::dockerfile
