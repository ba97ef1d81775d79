#include "rule_test.h"

namespace dd::test {

TEST(WgetAndCurl, FlagsSecondTool) {
  auto f = only(lint("FROM debian:12\nRUN curl -fsSL https://a/x -o x\nRUN wget -q https://a/y\n"), "DD1126");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("curl"), std::string::npos) << f[0].message;
}

TEST(WgetAndCurl, OneToolIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN curl -fsSL https://a/x -o x && curl -fsSL https://a/y -o y\n"), "DD1126"), 0); }

TEST(WgetAndCurl, DifferentStagesAreClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN curl -fsSL https://a/x -o x\nFROM debian:12\nRUN wget -q https://a/y\n"), "DD1126"), 0); }

}  // namespace dd::test
