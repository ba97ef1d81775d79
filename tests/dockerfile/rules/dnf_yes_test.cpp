#include "rule_test.h"

namespace dd::test {

TEST(DnfYes, FlagsWithoutYes) {
  auto f = only(lint("FROM fedora:40\nRUN dnf install nginx-1.24.0\n"), "DD1118");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 9);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("dnf install"), std::string::npos) << f[0].message;
}

TEST(DnfYes, AssumeYesIsClean) { EXPECT_EQ(count(lint("FROM fedora:40\nRUN dnf install --assumeyes nginx-1.24.0\n"), "DD1118"), 0); }

}  // namespace dd::test
