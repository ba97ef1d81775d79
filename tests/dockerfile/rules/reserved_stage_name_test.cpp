#include "rule_test.h"

namespace dd::test {

TEST(ReservedStageName, FlagsScratch) {
  auto f = only(lint("FROM alpine:3.20 AS scratch\n"), "DD1007");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_EQ(f[0].location.column, 21);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("reserved"), std::string::npos) << f[0].message;
}

TEST(ReservedStageName, FlagsContext) {
  auto f = only(lint("FROM alpine:3.20 AS context\n"), "DD1007");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_EQ(f[0].location.column, 21);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("reserved"), std::string::npos) << f[0].message;
}

TEST(ReservedStageName, NormalIsClean) { EXPECT_EQ(count(lint("FROM alpine:3.20 AS base\n"), "DD1007"), 0); }

}  // namespace dd::test
