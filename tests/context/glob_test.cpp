// Go filepath.Match (COPY sources), filepath.Clean, and the compiled
// patternmatcher pattern on its own.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/glob.h"

namespace dd {
namespace {

struct MatchCase {
  std::string pattern;
  std::string name;
  bool match;
};

TEST(GoPathMatch, Table) {
  const std::vector<MatchCase> cases = {
      {"abc", "abc", true},
      {"*", "abc", true},
      {"*", "a/b", false},
      {"*c", "abc", true},
      {"a*", "a", true},
      {"a*", "ab/c", false},
      {"a*/b", "abc/b", true},
      {"a*/b", "a/c/b", false},
      {"a*b*c*d*e*/f", "axbxcxdxe/f", true},
      {"a*b*c*d*e*/f", "axbxcxdxexxx/fff", false},
      {"ab[^e-g]", "abc", true},
      {"ab[^c]", "abc", false},
      {"a\\*b", "a*b", true},
      {"a?b", "a\xE2\x98\xBA" "b", true},
      {"a?b", "a/b", false},
      {"[\\-x]", "-", true},
      {"src/*.go", "src/main.go", true},
      {"src/*.go", "src/sub/main.go", false},
      {"*.json", "package.json", true},
      {"package*.json", "package-lock.json", true},
      // Malformed patterns never match.
      {"[]a]", "]", false},
      {"[-]", "-", false},
      {"[x-]", "x", false},
      {"\\", "\\", false},
      {"[a-b-c]", "a", false},
      {"[", "[", false},
      {"a[", "a[", false},
      {"*x", "xxx", true},
  };
  for (const auto& c : cases) EXPECT_EQ(go_path_match(c.pattern, c.name), c.match) << c.pattern << " vs " << c.name;
}

TEST(CleanPath, Table) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "."},          {".", "."},           {"./a", "a"},        {"a/", "a"},        {"/a", "/a"},
      {"a//b", "a/b"},    {"a/./b", "a/b"},     {"a/../b", "b"},     {"../a", "../a"},   {"/../a", "/a"},
      {"a/..", "."},      {"a/b/../../..", ".."}, {"//", "/"},        {"!a/../b", "b"},   {"./!x", "!x"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(clean_path(in), out) << in;
}

TEST(GlobPattern, KindsAndValidity) {
  EXPECT_TRUE(GlobPattern("dir/**").match("dir/a/b"));
  EXPECT_FALSE(GlobPattern("dir/**").match("dir"));
  EXPECT_TRUE(GlobPattern("**").match("anything/at/all"));
  EXPECT_FALSE(GlobPattern("[").valid());
  EXPECT_FALSE(GlobPattern("[").match("["));
  EXPECT_TRUE(GlobPattern("a^b").match("a^b"));     // exact: `^` is literal
  EXPECT_FALSE(GlobPattern("a^*b").match("a^xb"));  // wildcard: `^` anchors as in moby's regex
  EXPECT_TRUE(GlobPattern("^*b").match("xb"));
  EXPECT_TRUE(GlobPattern("*.go").has_wildcard());
  EXPECT_FALSE(GlobPattern("main.go").has_wildcard());
  EXPECT_TRUE(glob_match("**/*.yaml", "k8s/base/deploy.yaml"));
  EXPECT_FALSE(glob_match("*.yaml", "k8s/deploy.yaml"));
}

}  // namespace
}  // namespace dd
