#include "rule_test.h"

namespace dd::test {

TEST(YumUnpinned, FlagsUnpinned) {
  auto f = only(lint("FROM centos:7\nRUN yum install -y httpd && yum clean all\n"), "DD1113");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 20);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("httpd"), std::string::npos) << f[0].message;
}

TEST(YumUnpinned, VersionedIsClean) { EXPECT_EQ(count(lint("FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n"), "DD1113"), 0); }

}  // namespace dd::test
