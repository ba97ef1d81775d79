#include "rule_test.h"

namespace dd::test {

TEST(CopyRelativeDest, FlagsRelativeWithoutWorkdir) {
  auto f = only(lint("FROM node:20\nCOPY . app\n"), "DD1028");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 8);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_EQ(f[0].fix, "WORKDIR /app\nCOPY . app");  // pasteable: the WORKDIR, then the instruction
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("WORKDIR"), std::string::npos) << f[0].message;
}

TEST(CopyRelativeDest, WorkdirIsClean) { EXPECT_EQ(count(lint("FROM node:20\nWORKDIR /app\nCOPY . .\n"), "DD1028"), 0); }

TEST(CopyRelativeDest, AbsoluteIsClean) { EXPECT_EQ(count(lint("FROM node:20\nCOPY . /app/\n"), "DD1028"), 0); }

TEST(CopyRelativeDest, InheritedWorkdirIsClean) { EXPECT_EQ(count(lint("FROM node:20 AS base\nWORKDIR /app\nFROM base\nCOPY . .\n"), "DD1028"), 0); }

// A Dockerfile has no inline comments: in `COPY ./app # Set the working
// directory` (a real GitHub django Dockerfile) "directory" is an argument,
// not the destination; the fix never repeats the "comment" on the line.
TEST(CopyRelativeDest, InlineCommentWordsAreNotTheDestination) {
  EXPECT_EQ(count(lint("FROM python:3.12\nCOPY ./app # Set the working directory\n"), "DD1028"), 0);
  auto f = only(lint("FROM python:3.12\nCOPY --chown=1000 app dest   # copy the app\n"), "DD1028");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("'dest'"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].fix, "WORKDIR /app\n# copy the app\nCOPY --chown=1000 app dest");
}

}  // namespace dd::test

