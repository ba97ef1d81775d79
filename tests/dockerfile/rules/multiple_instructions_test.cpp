#include "rule_test.h"

namespace dd::test {

TEST(MultipleInstructions, FlagsEarlierCmd) {
  auto f = only(lint("FROM node:20\nCMD [\"node\", \"a.js\"]\nCMD [\"node\", \"b.js\"]\n"), "DD1012");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("line 3"), std::string::npos) << f[0].message;
}

TEST(MultipleInstructions, FlagsHealthcheck) {
  auto f = only(lint("FROM node:20\nHEALTHCHECK CMD true\nHEALTHCHECK NONE\n"), "DD1012");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("HEALTHCHECK"), std::string::npos) << f[0].message;
}

TEST(MultipleInstructions, OnePerStageIsClean) { EXPECT_EQ(count(lint("FROM node:20 AS a\nCMD [\"a\"]\nFROM node:20\nCMD [\"b\"]\nENTRYPOINT [\"c\"]\n"), "DD1012"), 0); }

}  // namespace dd::test
