#include "rule_test.h"

namespace dd::test {

TEST(AptUnpinned, FlagsFirstUnpinnedPackage) {
  auto f = only(lint("FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88 git\n"), "DD1104");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 52);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("git"), std::string::npos) << f[0].message;
}

TEST(AptUnpinned, PinnedIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN apt-get install -y curl=7.88.1 git=1:2.39\n"), "DD1104"), 0); }

TEST(AptUnpinned, LocalDebIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN apt-get install -y ./pkg.deb\n"), "DD1104"), 0); }

TEST(AptUnpinned, OptionValueIsNotAPackage) { EXPECT_EQ(count(lint("FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confold install -y curl=1\n"), "DD1104"), 0); }

}  // namespace dd::test
