#include "rule_test.h"

namespace dd::test {

TEST(FromAsCasing, FlagsLowerAsWithUpperFrom) {
  auto f = only(lint("FROM golang:1.22 as build\n"), "DD1003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_EQ(f[0].location.column, 18);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("'as'"), std::string::npos) << f[0].message;
}

TEST(FromAsCasing, FlagsUpperAsWithLowerFrom) {
  auto f = only(lint("from golang:1.22 AS build\n"), "DD1003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_EQ(f[0].location.column, 18);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("'AS'"), std::string::npos) << f[0].message;
}

TEST(FromAsCasing, MatchingIsClean) { EXPECT_EQ(count(lint("FROM golang:1.22 AS build\nfrom alpine:3.20 as run\n"), "DD1003"), 0); }

}  // namespace dd::test
