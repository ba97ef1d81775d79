#include "rule_test.h"

namespace dd::test {

TEST(DnfClean, FlagsMissingClean) {
  auto f = only(lint("FROM fedora:40\nRUN microdnf install -y nginx-1\n"), "DD1119");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("dnf cache"), std::string::npos) << f[0].message;
}

TEST(DnfClean, CleanAllIsClean) { EXPECT_EQ(count(lint("FROM fedora:40\nRUN dnf install -y nginx-1 && dnf clean all\n"), "DD1119"), 0); }

}  // namespace dd::test
