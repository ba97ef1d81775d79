// Lints every Dockerfile of the shared corpus: no parse error, no crash, and
// a per-rule count summary on stdout to judge false positives.
#include <filesystem>
#include <iostream>
#include <map>

#include "rule_test.h"

namespace dd::test {

TEST(CorpusRules, EveryCorpusDockerfileLintsWithoutParseErrors) {
  namespace fs = std::filesystem;
  fs::path root = shared_dir() / "corpus" / "dockerfiles";
  if (!fs::exists(root)) GTEST_SKIP() << "no corpus at " << root;
  std::map<std::string, int> per_rule;
  std::map<std::string, std::string> example;
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    if (name.find("Dockerfile") == std::string::npos && name.find("dockerfile") == std::string::npos) continue;
    if (e.path().extension() == ".template") continue;  // Go templates, not Dockerfiles
    ++files;
    auto text = read_text(e.path());
    auto res = lint::lint_text(text, e.path().string(), nullptr, Config{});
    EXPECT_EQ(count(res.findings, "DD0001"), 0) << e.path();
    for (const auto& f : res.findings) {
      if (++per_rule[f.rule] == 1)
        example[f.rule] = e.path().filename().string() + ":" + std::to_string(f.location.line) + ":" +
                          std::to_string(f.location.column) + " " + f.message;
      EXPECT_GT(f.location.line, 0) << f.rule << " in " << e.path();
      EXPECT_FALSE(f.message.empty()) << f.rule;
    }
  }
  EXPECT_GT(files, 0);
  std::cout << "corpus: " << files << " Dockerfiles\n";
  for (const auto& [rule, n] : per_rule) std::cout << "  " << rule << " " << n << "  e.g. " << example[rule] << "\n";
}

}  // namespace dd::test
