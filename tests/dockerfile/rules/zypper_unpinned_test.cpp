#include "rule_test.h"

namespace dd::test {

TEST(ZypperUnpinned, FlagsUnpinned) {
  auto f = only(lint("FROM opensuse/leap:15.5\nRUN zypper -n install curl\n"), "DD1117");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 23);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("curl"), std::string::npos) << f[0].message;
}

TEST(ZypperUnpinned, VersionedIsClean) { EXPECT_EQ(count(lint("FROM opensuse/leap:15.5\nRUN zypper -n install curl=8.0.1\n"), "DD1117"), 0); }

}  // namespace dd::test
