#include "rule_test.h"

namespace dd::test {

TEST(RedundantTargetPlatform, FlagsTargetPlatform) {
  auto f = only(lint("FROM --platform=$TARGETPLATFORM alpine:3.20\n"), "DD1016");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("TARGETPLATFORM"), std::string::npos) << f[0].message;
}

TEST(RedundantTargetPlatform, BuildPlatformIsClean) { EXPECT_EQ(count(lint("FROM --platform=$BUILDPLATFORM alpine:3.20\n"), "DD1016"), 0); }

}  // namespace dd::test
