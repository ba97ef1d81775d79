// DD1108: npm install of a package without a version.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

bool npm_pinned(std::string_view p) {
  if (!p.empty() && p[0] == '@') p.remove_prefix(1);
  return p.find('@') != std::string_view::npos;
}
bool npm_file(std::string_view w) {
  return w.empty() || w[0] == '.' || w[0] == '/' || w[0] == '~' || w[0] == '-' || w.find('$') != std::string_view::npos ||
         w.find("://") != std::string_view::npos || util::starts_with(w, "git+") || util::starts_with(w, "git:") || util::starts_with(w, "github:") ||
         util::starts_with(w, "file:") || util::ends_with(w, ".tgz") || util::ends_with(w, ".tar.gz");
}
std::string npm_example(std::string_view p) { return std::string(p) + "@<version>"; }
const util::PinSpec spec{{"npm"}, {"install", "i", "add"}, {"--prefix", "--registry", "--cache", "--tag", "-w", "--workspace", "--userconfig", "--loglevel"}, npm_pinned, nullptr, npm_example, npm_file};

class NpmUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, spec); }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD1108",
      .name = "npm-unpinned",
      .domain = Domain::dockerfile,
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
