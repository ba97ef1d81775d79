// Differential test of the .dockerignore matcher against the engine's own:
// random ignore files and paths are decided by IgnoreMatcher and by
// github.com/moby/patternmatcher (MatchesOrParentMatches, the Go source that
// Debian packages), through tests/context/oracle/dockerignore_oracle.go.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "context/dockerignore.h"
#include "core/glob.h"
#include "helpers.h"

namespace dd::context {
namespace {

namespace fs = std::filesystem;
using dd::test::run;
using dd::test::TempDir;

// The Go toolchain of golang-1.19-go (installed by scripts/install-deps.sh).
std::string go_binary() {
  for (const char* p : {"/usr/lib/go-1.19/bin/go", "/usr/lib/go/bin/go", "/usr/bin/go"})
    if (fs::exists(p)) return p;
  return {};
}

const char* kGoPath = "/usr/share/gocode";

struct Case {
  std::vector<std::string> lines;
  std::vector<std::string> paths;
};

// Ignore files and paths over a small alphabet, so that patterns and paths
// meet often: wildcards, classes, escapes, `**`, `!`, `/`, `.` and `..`.
std::vector<Case> random_cases(unsigned seed, int n) {
  std::mt19937 rng(seed);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  const std::vector<std::string> seg = {"a",    "b",    "ab",  "*",    "**",   "?",    "a*",   "*b",   "[ab]",
                                        "[!a]", "[a-c]", "\\*", ".",    "..",   "a?",   "**b",  "a**",  "c",
                                        "[^b]", "*.go", "x.go", "\\",   "ab*c", "*/",   "",     "[a",   "a[",   "]",    "[",
                                        "[a-]", "[\\]]", "[a\\-c]", "[[:alpha:]]", "{a,b}", "a+", "(a)",
                                        "\xc3\xa9", "[\xc3\xa9" "a]", "a|b", "$a", "[*]", "[?]", "[/]"};
  const std::vector<std::string> name = {"a",    "b",    "ab", "ba", "abc", "c",   ".a",       "a.b",
                                         "x.go", "*",    "[a", "]",  "-",   "{a,b}", "\xc3\xa9", "a+", "(a)", "a|b", "$a", ":"};
  std::vector<Case> out;
  for (int i = 0; i < n; ++i) {
    Case c;
    int lines = 1 + static_cast<int>(rng() % 4);
    for (int l = 0; l < lines; ++l) {
      std::string p;
      int segs = 1 + static_cast<int>(rng() % 3);
      for (int s = 0; s < segs; ++s) p += (s ? "/" : "") + pick(seg);
      switch (rng() % 8) {
        case 0: p = "!" + p; break;
        case 1: p = "/" + p; break;
        case 2: p = " " + p + " "; break;
        case 3: p = "#" + p; break;
        case 4: p = "./" + p; break;
        default: break;
      }
      c.lines.push_back(p);
    }
    for (int q = 0; q < 8; ++q) {
      std::string path;
      int segs = 1 + static_cast<int>(rng() % 4);
      for (int s = 0; s < segs; ++s) path += (s ? "/" : "") + pick(name);
      c.paths.push_back(path);
    }
    out.push_back(std::move(c));
  }
  return out;
}

// Builds the oracle into `dir`; empty when Go or the library is missing.
std::string build_oracle(const TempDir& dir, std::string& why) {
  const std::string go = go_binary();
  if (go.empty() || !fs::exists(fs::path(kGoPath) / "src/github.com/moby/patternmatcher/patternmatcher.go")) {
    why = "Go or golang-github-moby-patternmatcher-dev is missing (bash scripts/install-deps.sh installs them)";
    return {};
  }
  const fs::path oracle = dir.path() / "oracle";
  auto built = run({"env", "GO111MODULE=off", std::string("GOPATH=") + kGoPath,
                    "GOCACHE=" + (dir.path() / "gocache").string(), "GOFLAGS=", go, "build", "-o", oracle.string(),
                    (dd::test::source_dir() / "tests/context/oracle/dockerignore_oracle.go").string()});
  if (built.status != 0) {
    why = "go build failed: " + built.out + built.err;
    return {};
  }
  return oracle.string();
}

// Runs the oracle on `input`; its answers, one per line.
std::vector<std::string> ask(const TempDir& dir, const std::string& oracle, const std::string& input) {
  auto in_file = dir.write("cases.txt", input);
  auto answered = run({"sh", "-c", "\"$0\" < \"$1\"", oracle, in_file.string()});
  EXPECT_EQ(answered.status, 0) << answered.err;
  std::vector<std::string> out;
  std::istringstream lines(answered.out);
  for (std::string l; std::getline(lines, l);) out.push_back(l);
  return out;
}

TEST(DockerignoreOracle, AgreesWithMobyPatternmatcher) {
  TempDir tmp;
  std::string why;
  const std::string oracle = build_oracle(tmp, why);
  if (oracle.empty() && why.rfind("go build", 0) == 0) FAIL() << why;
  if (oracle.empty()) GTEST_SKIP() << why;

  std::vector<Case> cases;
  for (unsigned seed : {20261123u, 7u, 1234567u})
    for (auto& c : random_cases(seed, 4000)) cases.push_back(std::move(c));
  std::string input;
  for (const auto& c : cases) {
    for (const auto& l : c.lines) input += "P " + l + "\n";
    for (const auto& p : c.paths) input += "Q " + p + "\n";
    input += "E\n";
  }
  const auto answers = ask(tmp, oracle, input);
  size_t next = 0;
  int compared = 0, refused = 0, mismatches = 0;
  for (const auto& c : cases) {
    std::string text;
    for (const auto& l : c.lines) text += l + "\n";
    const IgnoreMatcher m = IgnoreMatcher::parse(text);
    bool engine_refused = false;
    std::vector<std::string> got;
    for (size_t i = 0; i < c.paths.size(); ++i) {
      ASSERT_LT(next, answers.size()) << "the oracle gave fewer answers than paths";
      const std::string& a = answers[next++];
      got.push_back(a);
      engine_refused = engine_refused || a == "ERR";
    }
    if (engine_refused) {
      // The engine fails the build on this file: drydock must call it malformed.
      ++refused;
      EXPECT_FALSE(m.errors().empty()) << "the engine refuses this .dockerignore, drydock does not:\n" << text;
      continue;
    }
    for (size_t i = 0; i < c.paths.size(); ++i) {
      ++compared;
      const bool engine = got[i] == "1";
      if (m.excluded(c.paths[i]) != engine && ++mismatches <= 10)
        ADD_FAILURE() << "path " << c.paths[i] << ": engine " << (engine ? "excludes" : "sends")
                      << " it, drydock " << (engine ? "sends" : "excludes") << " it; .dockerignore:\n" << text;
    }
  }
  EXPECT_EQ(mismatches, 0);
  // The generator reaches both outcomes and refused files.
  EXPECT_GT(compared, 60000);
  EXPECT_GT(refused, 150);
}

// COPY and ADD sources use Go's filepath.Match; drydock's go_path_match must
// answer as it does (a pattern Go calls malformed matches nothing).
TEST(DockerignoreOracle, CopyWildcardsAgreeWithFilepathMatch) {
  TempDir tmp;
  std::string why;
  const std::string oracle = build_oracle(tmp, why);
  if (oracle.empty() && why.rfind("go build", 0) == 0) FAIL() << why;
  if (oracle.empty()) GTEST_SKIP() << why;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (unsigned seed : {3u, 99u})
    for (const auto& c : random_cases(seed, 3000))
      for (size_t i = 0; i < c.lines.size() && i < c.paths.size(); ++i) {
        std::string p = c.lines[i];
        if (!p.empty() && (p.front() == '!' || p.front() == '#' || p.front() == ' ')) p.erase(0, 1);
        pairs.push_back({p, c.paths[i]});
        pairs.push_back({p, c.paths[(i + 3) % c.paths.size()]});
      }
  std::string input;
  for (const auto& [p, n] : pairs) input += "M " + p + "\t" + n + "\n";
  const auto answers = ask(tmp, oracle, input);
  ASSERT_EQ(answers.size(), pairs.size());
  int matched = 0, mismatches = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const bool go = answers[i] == "1";
    matched += go;
    if (dd::go_path_match(pairs[i].first, pairs[i].second) != go && ++mismatches <= 10)
      ADD_FAILURE() << "filepath.Match(" << pairs[i].first << ", " << pairs[i].second << ") is " << answers[i];
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_GT(matched, 100);  // the generator reaches matches, not only misses
}

}  // namespace
}  // namespace dd::context
