#include "rule_test.h"

namespace dd::test {

TEST(YumYes, FlagsWithoutYes) {
  auto f = only(lint("FROM centos:7\nRUN yum install httpd-2.4.6\n"), "DD1111");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 9);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("yum install"), std::string::npos) << f[0].message;
}

TEST(YumYes, YesIsClean) { EXPECT_EQ(count(lint("FROM centos:7\nRUN yum -y install httpd-2.4.6\n"), "DD1111"), 0); }

}  // namespace dd::test
