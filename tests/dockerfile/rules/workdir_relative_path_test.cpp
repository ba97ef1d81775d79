#include "rule_test.h"

namespace dd::test {

TEST(WorkdirRelativePath, FlagsRelative) {
  auto f = only(lint("FROM node:20\nWORKDIR app\n"), "DD1010");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 9);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("relative"), std::string::npos) << f[0].message;
}

TEST(WorkdirRelativePath, AbsoluteFirstIsClean) { EXPECT_EQ(count(lint("FROM node:20\nWORKDIR /srv\nWORKDIR app\n"), "DD1010"), 0); }

TEST(WorkdirRelativePath, VariableIsClean) { EXPECT_EQ(count(lint("FROM node:20\nWORKDIR $HOME/app\n"), "DD1010"), 0); }

TEST(WorkdirRelativePath, InheritedIsClean) { EXPECT_EQ(count(lint("FROM node:20 AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n"), "DD1010"), 0); }

}  // namespace dd::test
