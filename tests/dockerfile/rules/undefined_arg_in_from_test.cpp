#include "rule_test.h"

namespace dd::test {

TEST(UndefinedArgInFrom, FlagsUndeclared) {
  auto f = only(lint("FROM node:${NODE_VERSION}-alpine\n"), "DD1009");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_EQ(f[0].location.column, 11);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("NODE_VERSION"), std::string::npos) << f[0].message;
}

TEST(UndefinedArgInFrom, DeclaredIsClean) { EXPECT_EQ(count(lint("ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\n"), "DD1009"), 0); }

TEST(UndefinedArgInFrom, AutomaticIsClean) { EXPECT_EQ(count(lint("FROM --platform=$BUILDPLATFORM golang:1.22\n"), "DD1009"), 0); }

TEST(UndefinedArgInFrom, DefaultIsClean) { EXPECT_EQ(count(lint("FROM node:${V:-20}\n"), "DD1009"), 0); }

}  // namespace dd::test
