#include "rule_test.h"

namespace dd::test {

TEST(DuplicateStageName, FlagsSecondStage) {
  auto f = only(lint("FROM node:20 AS build\nRUN echo 1\nFROM node:20 AS build\n"), "DD1006");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 17);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("line 1"), std::string::npos) << f[0].message;
}

TEST(DuplicateStageName, UniqueIsClean) { EXPECT_EQ(count(lint("FROM node:20 AS deps\nFROM node:20 AS build\n"), "DD1006"), 0); }

TEST(DuplicateStageName, HadolintAliasSuppresses) {
  EXPECT_EQ(count(lint("FROM node:20 AS build\n# hadolint ignore=DL3024\nFROM node:20 AS build\n"), "DD1006"), 0);
}

}  // namespace dd::test

namespace dd::test {

TEST(DuplicateStageName, NamesTheFirstStageAsRelated) {
  auto f = only(lint("FROM node:20 AS build\nRUN echo 1\nFROM node:20 AS build\n"), "DD1006");
  ASSERT_EQ(f.size(), 1u);
  ASSERT_EQ(f[0].related.size(), 1u);
  EXPECT_EQ(f[0].related[0].location.line, 1);
  EXPECT_EQ(f[0].related[0].location.file, f[0].location.file);
  EXPECT_NE(f[0].related[0].message.find("build"), std::string::npos);
}

}  // namespace dd::test
