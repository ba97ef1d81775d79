#include "rule_test.h"

namespace dd::test {

TEST(InstructionOrder, FlagsRunBeforeFrom) {
  auto f = only(lint("ARG V=1\nRUN echo hi\nFROM alpine:3.20\n"), "DD1021");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("before any FROM"), std::string::npos) << f[0].message;
}

TEST(InstructionOrder, ArgFirstIsClean) { EXPECT_EQ(count(lint("ARG V=1\nFROM alpine:3.20\n"), "DD1021"), 0); }

}  // namespace dd::test
