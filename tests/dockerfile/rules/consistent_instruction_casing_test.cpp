#include "rule_test.h"

namespace dd::test {

TEST(ConsistentInstructionCasing, FlagsMinorityCase) {
  auto f = only(lint("FROM debian:12\nRUN echo a\nrun echo b\nCOPY x /x\n"), "DD1005");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("'run'"), std::string::npos) << f[0].message;
}

TEST(ConsistentInstructionCasing, FlagsMixedCase) {
  auto f = only(lint("from debian:12\nrun echo a\nCopy x /x\n"), "DD1005");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("'copy'"), std::string::npos) << f[0].message;
}

TEST(ConsistentInstructionCasing, AllUpperIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN echo a\n"), "DD1005"), 0); }

TEST(ConsistentInstructionCasing, AllLowerIsClean) { EXPECT_EQ(count(lint("from debian:12\nrun echo a\n"), "DD1005"), 0); }

}  // namespace dd::test

namespace dd::test {

// dockerfilelint's example file: a word that is no instruction is a parse
// error, not "should match the upper case: 'this'".
TEST(ConsistentInstructionCasing, UnknownWordsAreNotCasingFindings) {
  EXPECT_EQ(count(lint("FROM alpine:3.20\nthis is not an instruction\nRUN true\n"), "DD1005"), 0);
  auto f = only(lint("From alpine:3.20\nRUN true\nCMD [\"sh\"]\n"), "DD1005");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].fix, "FROM alpine:3.20");  // the line, re-cased: pasteable
}

}  // namespace dd::test
