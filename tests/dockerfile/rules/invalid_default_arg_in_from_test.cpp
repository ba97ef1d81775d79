#include "rule_test.h"

namespace dd::test {

TEST(InvalidDefaultArgInFrom, FlagsEmptyTag) {
  auto f = only(lint("ARG TAG\nFROM alpine:${TAG}\n"), "DD1014");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("TAG"), std::string::npos) << f[0].message;
}

TEST(InvalidDefaultArgInFrom, DefaultIsClean) { EXPECT_EQ(count(lint("ARG TAG=3.20\nFROM alpine:${TAG}\n"), "DD1014"), 0); }

TEST(InvalidDefaultArgInFrom, ImageArgIsClean) { EXPECT_EQ(count(lint("ARG IMAGE=alpine:3.20\nFROM ${IMAGE}\n"), "DD1014"), 0); }

}  // namespace dd::test
