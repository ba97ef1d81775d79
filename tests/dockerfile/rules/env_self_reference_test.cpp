#include "rule_test.h"

namespace dd::test {

TEST(EnvSelfReference, FlagsSameStatement) {
  auto f = only(lint("FROM alpine:3.20\nENV APP=/srv DATA=$APP/data\n"), "DD1029");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 19);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("APP"), std::string::npos) << f[0].message;
}

TEST(EnvSelfReference, SeparateIsClean) { EXPECT_EQ(count(lint("FROM alpine:3.20\nENV APP=/srv\nENV DATA=$APP/data\n"), "DD1029"), 0); }

TEST(EnvSelfReference, PreviouslyDefinedIsClean) { EXPECT_EQ(count(lint("FROM alpine:3.20\nENV PATH=/x\nENV PATH=/y:$PATH OTHER=$PATH\n"), "DD1029"), 0); }

}  // namespace dd::test
