#include "rule_test.h"

namespace dd::test {

TEST(YarnClean, FlagsMissingClean) {
  auto f = only(lint("FROM node:20\nWORKDIR /app\nRUN yarn install --frozen-lockfile\n"), "DD1124");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("yarn cache clean"), std::string::npos) << f[0].message;
}

TEST(YarnClean, CacheCleanIsClean) { EXPECT_EQ(count(lint("FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n"), "DD1124"), 0); }

TEST(YarnClean, BuilderStageIsClean) { EXPECT_EQ(count(lint("FROM node:20 AS build\nRUN yarn install\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n"), "DD1124"), 0); }

}  // namespace dd::test
