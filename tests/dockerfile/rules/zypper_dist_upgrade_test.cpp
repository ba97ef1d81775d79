#include "rule_test.h"

namespace dd::test {

TEST(ZypperDistUpgrade, FlagsDup) {
  auto f = only(lint("FROM opensuse/leap:15.5\nRUN zypper -n dup\n"), "DD1115");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 15);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("dup"), std::string::npos) << f[0].message;
}

TEST(ZypperDistUpgrade, InstallIsClean) { EXPECT_EQ(count(lint("FROM opensuse/leap:15.5\nRUN zypper -n install curl=8\n"), "DD1115"), 0); }

}  // namespace dd::test
