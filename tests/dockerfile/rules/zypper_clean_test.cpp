#include "rule_test.h"

namespace dd::test {

TEST(ZypperClean, FlagsMissingClean) {
  auto f = only(lint("FROM opensuse/leap:15.5\nRUN zypper -n install curl=8\n"), "DD1116");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("zypper cache"), std::string::npos) << f[0].message;
}

TEST(ZypperClean, CleanIsClean) { EXPECT_EQ(count(lint("FROM opensuse/leap:15.5\nRUN zypper -n install curl=8 && zypper clean --all\n"), "DD1116"), 0); }

TEST(ZypperClean, CcIsClean) { EXPECT_EQ(count(lint("FROM opensuse/leap:15.5\nRUN zypper -n in curl=8 && zypper cc -a\n"), "DD1116"), 0); }

}  // namespace dd::test
