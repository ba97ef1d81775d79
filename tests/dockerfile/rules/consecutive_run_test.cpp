#include "rule_test.h"

namespace dd::test {

TEST(ConsecutiveRun, FlagsOncePerGroup) {
  auto f = only(lint("FROM debian:12\nRUN echo a\nRUN echo b\nRUN echo c\n"), "DD1123");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("3 consecutive"), std::string::npos) << f[0].message;
}

TEST(ConsecutiveRun, SeparatedIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN echo a\nCOPY x /x\nRUN echo b\n"), "DD1123"), 0); }

TEST(ConsecutiveRun, MountFlagsAreClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN echo a\nRUN --mount=type=cache,target=/root/.cache echo b\n"), "DD1123"), 0); }

}  // namespace dd::test
