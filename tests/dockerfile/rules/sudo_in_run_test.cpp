#include "rule_test.h"

namespace dd::test {

TEST(SudoInRun, FlagsSudo) {
  auto f = only(lint("FROM debian:12\nUSER app\nRUN sudo apt-get install -y curl\n"), "DD1103");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("sudo"), std::string::npos) << f[0].message;
}

TEST(SudoInRun, NoSudoIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nUSER root\nRUN apt-get install -y curl\n"), "DD1103"), 0); }

TEST(SudoInRun, SudoInTextIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN echo sudo\n"), "DD1103"), 0); }

}  // namespace dd::test
