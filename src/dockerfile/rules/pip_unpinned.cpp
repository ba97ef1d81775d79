// DD1107: pip install without version pins.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

bool pip_pinned(std::string_view p) { return p.find_first_of("=<>~!@") != std::string_view::npos; }
bool pip_skip(std::string_view p) { return p == "pip"sv || p == "setuptools"sv || p == "wheel"sv || util::ends_with(p, ".whl") || util::ends_with(p, ".tar.gz") || util::ends_with(p, ".zip"); }
std::string pip_example(std::string_view p) { return "--no-cache-dir " + std::string(p) + "==<version>"; }
const util::PinSpec spec{{"pip", "pip3", "pip2", "pip3.8", "pip3.9", "pip3.10", "pip3.11", "pip3.12", "pip3.13", "uv"}, {"install"},
                         {"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--src", "--trusted-host", "--platform", "--python-version", "--implementation", "--abi", "--progress-bar", "--cache-dir", "--log", "--timeout", "--retries", "--proxy", "--only-binary", "--no-binary", "--upgrade-strategy", "--python"},
                         pip_pinned, pip_skip, pip_example};

class PipUnpinned : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override { util::check_pins(in, out, info_, spec); }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD1107",
      .name = "pip-unpinned",
      .domain = Domain::dockerfile,
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
