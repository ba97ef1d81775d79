#include "knowledge/version.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "helpers.h"

namespace {

// Walks every vector line of /work/shared/corpus/versions/<file>: "A op B".
void walk_vectors(const std::string& file, const std::string& ecosystem) {
  const dd::kb::VersionScheme* s = dd::kb::version_scheme(ecosystem);
  ASSERT_NE(s, nullptr) << ecosystem;
  std::ifstream in(dd::test::shared_dir() / "corpus" / "versions" / file);
  ASSERT_TRUE(in) << file;
  std::string line;
  int n = 0, lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#' || line.starts_with("//")) continue;
    std::istringstream ss(line);
    std::string a, op, b;
    if (!(ss >> a >> op >> b)) continue;
    ASSERT_TRUE(op == "<" || op == "=" || op == ">") << file << ":" << lineno << ": " << line;
    int want = op == "<" ? -1 : op == ">" ? 1 : 0;
    EXPECT_EQ(s->compare(a, b), want) << file << ":" << lineno << ": " << line;
    EXPECT_EQ(s->compare(b, a), -want) << file << ":" << lineno << " (swapped): " << line;
    ++n;
  }
  EXPECT_GT(n, 20) << file;
}

}  // namespace

TEST(Version, DebianVectors) { walk_vectors("debian-versions.txt", "Debian"); }
TEST(Version, PyPIVectors) { walk_vectors("pypi-versions.txt", "PyPI"); }
TEST(Version, SemverVectors) { walk_vectors("semver-versions.txt", "npm"); }

TEST(Version, GenericDotted) {
  using dd::kb::compare_generic;
  EXPECT_EQ(compare_generic("3.10", "3.9"), 1);
  EXPECT_EQ(compare_generic("3.9", "3.9.0"), 0);
  EXPECT_EQ(compare_generic("1.0beta", "1.0"), -1);
  EXPECT_EQ(compare_generic("1.21", "1.21.5"), -1);
  EXPECT_EQ(compare_generic("20.04", "18.04"), 1);
  EXPECT_EQ(compare_generic("1.2a", "1.2b"), -1);
}

TEST(Version, EcosystemsAndExtension) {
  EXPECT_EQ(dd::kb::version_scheme("debian"), dd::kb::version_scheme("Debian:12"));
  EXPECT_EQ(dd::kb::version_scheme("Ubuntu")->name(), "dpkg");
  EXPECT_EQ(dd::kb::version_scheme("Go")->name(), "semver");
  EXPECT_EQ(dd::kb::version_scheme("Maven"), nullptr);
  struct Reverse : dd::kb::VersionScheme {
    std::string_view name() const override { return "reverse"; }
    int compare(std::string_view a, std::string_view b) const override { return -dd::kb::compare_generic(a, b); }
  };
  static const Reverse r;
  dd::kb::register_version_scheme("TestReverse", &r);
  ASSERT_EQ(dd::kb::version_scheme("testreverse"), &r);
  dd::kb::Version a("1.0", r), b("2.0", r);
  EXPECT_TRUE(b < a);
}
