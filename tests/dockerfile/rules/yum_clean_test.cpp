#include "rule_test.h"

namespace dd::test {

TEST(YumClean, FlagsMissingClean) {
  auto f = only(lint("FROM centos:7\nRUN yum install -y httpd-2.4.6\n"), "DD1112");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("yum cache"), std::string::npos) << f[0].message;
}

TEST(YumClean, CleanAllIsClean) { EXPECT_EQ(count(lint("FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n"), "DD1112"), 0); }

TEST(YumClean, RmCacheIsClean) { EXPECT_EQ(count(lint("FROM centos:7\nRUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum\n"), "DD1112"), 0); }

TEST(YumClean, BuilderStageIsClean) { EXPECT_EQ(count(lint("FROM centos:7 AS build\nRUN yum install -y gcc-4.8\nFROM alpine:3.20\nCOPY --from=build /x /x\n"), "DD1112"), 0); }

TEST(YumClean, CacheMountIsClean) { EXPECT_EQ(count(lint("FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2\n"), "DD1112"), 0); }

}  // namespace dd::test
