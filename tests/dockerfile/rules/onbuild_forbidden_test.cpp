#include "rule_test.h"

namespace dd::test {

TEST(OnbuildForbidden, FlagsOnbuildFrom) {
  auto f = only(lint("FROM alpine:3.20\nONBUILD FROM debian:12\n"), "DD1022");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 9);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("ONBUILD FROM"), std::string::npos) << f[0].message;
}

TEST(OnbuildForbidden, OnbuildCopyIsClean) { EXPECT_EQ(count(lint("FROM alpine:3.20\nONBUILD COPY . /app\n"), "DD1022"), 0); }

}  // namespace dd::test
