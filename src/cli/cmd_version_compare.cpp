// drydock version-compare ECOSYSTEM A B: how the ecosystem orders two
// versions, printed as <, = or >.
#include <iostream>

#include "cli/cli.h"
#include "core/error.h"
#include "knowledge/version.h"

namespace dd::cli {
namespace {

struct VersionCompareArgs {
  std::string ecosystem, a, b;
};

int run_version_compare(const VersionCompareArgs& v) {
  const kb::VersionScheme* scheme = kb::version_scheme(v.ecosystem);
  if (!scheme) {
    std::string known;
    for (const auto& e : kb::version_ecosystems()) known += (known.empty() ? "" : ", ") + e;
    throw InputError("version-compare: no version ordering for ecosystem '" + v.ecosystem + "' (known: " + known + ")");
  }
  int c = scheme->compare(v.a, v.b);
  std::cout << (c < 0 ? "<" : c > 0 ? ">" : "=") << "\n";
  return 0;
}

DD_COMMAND("version-compare", "Order two versions as an ecosystem does (Debian, PyPI, npm, Go, ...): prints <, = or >",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<VersionCompareArgs>();
             app->add_option("ecosystem", a->ecosystem, "OSV ecosystem name: Debian, Ubuntu, PyPI, npm, Go, crates.io; or generic, semver, dpkg, pep440")->required();
             app->add_option("a", a->a, "First version")->required();
             app->add_option("b", a->b, "Second version")->required();
             return [a] { return run_version_compare(*a); };
           },
           60)

}  // namespace
}  // namespace dd::cli
