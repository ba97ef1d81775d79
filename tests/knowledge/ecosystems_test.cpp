// The dependency ecosystems table (knowledge/ecosystems.h): every row's
// install command is recognised, with wrappers, and manifests match as
// COPY globs do.
#include <gtest/gtest.h>

#include "knowledge/ecosystems.h"

namespace dd::kb {
namespace {

TEST(Ecosystems, EveryRowsInstallIsRecognised) {
  for (const auto& e : ecosystems()) {
    EXPECT_FALSE(e.manifests.empty()) << e.name;
    EXPECT_FALSE(e.copy_manifests.empty()) << e.name;
    for (const auto& ic : e.installs) {
      std::vector<std::string> argv{std::string(ic.program)};
      if (ic.subcommand != "<any>" && ic.subcommand != "<bare>") {
        std::string sub(ic.subcommand);
        size_t sp = sub.find(' ');
        argv.push_back(sub.substr(0, sp));
        if (sp != std::string::npos) argv.push_back(sub.substr(sp + 1));
      }
      if (!ic.needs_flag.empty()) argv.insert(argv.end(), {std::string(ic.needs_flag), "requirements.txt"});
      const InstallCommand* which = nullptr;
      EXPECT_NE(install_ecosystem(argv, &which), nullptr) << e.name << " " << ic.program << " " << ic.subcommand;
    }
  }
  const InstallCommand* w = nullptr;
  auto* e = install_ecosystem({"python3", "-m", "pip", "install", "-r", "requirements.txt"}, &w);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "pip");
  EXPECT_EQ(install_ecosystem({"pip", "install", "flask"}), nullptr);
  EXPECT_TRUE(is_manifest(*e, "requirements-prod.txt"));
  EXPECT_TRUE(is_manifest(*install_ecosystem({"npm", "ci"}), "package*.json"));
  EXPECT_FALSE(is_manifest(*install_ecosystem({"npm", "ci"}), "src"));
}

TEST(Ecosystems, WrappersBundlesAndNonInstalls) {
  EXPECT_EQ(install_ecosystem({"sudo", "-u", "app", "npm", "ci"})->name, "npm");
  EXPECT_EQ(install_ecosystem({"pip3", "install", "-qr", "requirements.txt"})->name, "pip") << "-r in a bundle";
  EXPECT_EQ(install_ecosystem({"pip3.12", "install", "-r", "requirements.txt"})->name, "pip");
  const InstallCommand* w = nullptr;
  ASSERT_NE(install_ecosystem({"go", "build", "./..."}, &w), nullptr);
  EXPECT_FALSE(w->deps_only) << "go build compiles the sources";
  EXPECT_EQ(install_ecosystem({"npm", "run", "build"}), nullptr);
  EXPECT_EQ(install_ecosystem({"tini", "--"}), nullptr);
  EXPECT_EQ(install_ecosystem({}), nullptr);
  for (const auto& e : ecosystems())
    for (auto m : e.manifests) EXPECT_TRUE(is_manifest(e, "app/" + std::string(m))) << e.name << " " << m;
}

}  // namespace
}  // namespace dd::kb
