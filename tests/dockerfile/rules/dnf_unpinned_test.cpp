#include "rule_test.h"

namespace dd::test {

TEST(DnfUnpinned, FlagsUnpinned) {
  auto f = only(lint("FROM fedora:40\nRUN dnf install -y nginx && dnf clean all\n"), "DD1120");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 20);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("nginx"), std::string::npos) << f[0].message;
}

TEST(DnfUnpinned, VersionedIsClean) { EXPECT_EQ(count(lint("FROM fedora:40\nRUN dnf install -y nginx-1.24.0 && dnf clean all\n"), "DD1120"), 0); }

}  // namespace dd::test
