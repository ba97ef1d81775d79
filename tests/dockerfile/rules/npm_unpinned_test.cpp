#include "rule_test.h"

namespace dd::test {

TEST(NpmUnpinned, FlagsUnpinned) {
  auto f = only(lint("FROM node:20\nRUN npm install -g typescript @types/node@20.1.0\n"), "DD1108");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 20);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("typescript"), std::string::npos) << f[0].message;
}

TEST(NpmUnpinned, InstallFromLockfileIsClean) { EXPECT_EQ(count(lint("FROM node:20\nRUN npm install\n"), "DD1108"), 0); }

TEST(NpmUnpinned, ScopedPinnedIsClean) { EXPECT_EQ(count(lint("FROM node:20\nRUN npm i -g @angular/cli@17.3.0\n"), "DD1108"), 0); }

}  // namespace dd::test
