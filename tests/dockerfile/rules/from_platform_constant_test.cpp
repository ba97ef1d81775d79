#include "rule_test.h"

namespace dd::test {

TEST(FromPlatformConstant, FlagsConstant) {
  auto f = only(lint("FROM --platform=linux/amd64 alpine:3.20\n"), "DD1015");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("linux/amd64"), std::string::npos) << f[0].message;
}

TEST(FromPlatformConstant, VariableIsClean) { EXPECT_EQ(count(lint("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"), "DD1015"), 0); }

TEST(FromPlatformConstant, NamedStageIsClean) { EXPECT_EQ(count(lint("FROM --platform=linux/arm64 alpine:3.20 AS build_arm64\n"), "DD1015"), 0); }

}  // namespace dd::test
