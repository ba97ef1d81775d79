#include "rule_test.h"

namespace dd::test {

TEST(CopyMultiSource, FlagsMissingSlash) {
  auto f = only(lint("FROM node:20\nCOPY package.json package-lock.json /app\n"), "DD1025");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 37);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("/app"), std::string::npos) << f[0].message;
}

TEST(CopyMultiSource, SlashIsClean) { EXPECT_EQ(count(lint("FROM node:20\nCOPY package.json package-lock.json /app/\n"), "DD1025"), 0); }

TEST(CopyMultiSource, SingleSourceIsClean) { EXPECT_EQ(count(lint("FROM node:20\nCOPY package.json /app\n"), "DD1025"), 0); }

}  // namespace dd::test
