#include "rule_test.h"

namespace dd::test {

TEST(ZypperYes, FlagsWithoutNonInteractive) {
  auto f = only(lint("FROM opensuse/leap:15.5\nRUN zypper install curl=8\n"), "DD1114");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 12);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("--non-interactive"), std::string::npos) << f[0].message;
}

TEST(ZypperYes, GlobalNIsClean) { EXPECT_EQ(count(lint("FROM opensuse/leap:15.5\nRUN zypper -n install curl=8\n"), "DD1114"), 0); }

TEST(ZypperYes, NoConfirmIsClean) { EXPECT_EQ(count(lint("FROM opensuse/leap:15.5\nRUN zypper install --no-confirm curl=8\n"), "DD1114"), 0); }

}  // namespace dd::test
