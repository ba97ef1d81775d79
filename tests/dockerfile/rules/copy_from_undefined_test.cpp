#include "rule_test.h"

namespace dd::test {

TEST(CopyFromUndefined, FlagsTypo) {
  auto f = only(lint("FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --from=buidler /app /app\n"), "DD1023");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("builder"), std::string::npos) << f[0].message;
}

TEST(CopyFromUndefined, FlagsLaterStage) {
  auto f = only(lint("FROM alpine:3.20 AS a\nCOPY --from=b /x /x\nFROM alpine:3.20 AS b\n"), "DD1023");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("later"), std::string::npos) << f[0].message;
}

TEST(CopyFromUndefined, EarlierStageIsClean) { EXPECT_EQ(count(lint("FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /app /app\nCOPY --from=0 /app /b\n"), "DD1023"), 0); }

TEST(CopyFromUndefined, ImageIsClean) { EXPECT_EQ(count(lint("FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n"), "DD1023"), 0); }

}  // namespace dd::test
