#include "rule_test.h"

namespace dd::test {

TEST(SshPortExposed, FlagsPort22InTheShippedImage) {
  auto f = only(lint("FROM alpine:3.20\nARG SSH=22\nEXPOSE 8080 ${SSH}/tcp\nEXPOSE 20-25\nUSER 1000\n"), "DD2052");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 13);  // the ${SSH}/tcp word, expanded to 22/tcp
  EXPECT_EQ(f[0].severity, Severity::warning);
  EXPECT_EQ(f[0].category, Category::multiple_processes);
  EXPECT_EQ(f[1].location.line, 4);  // a range that covers 22
  EXPECT_NE(f[1].message.find("port 22"), std::string::npos) << f[1].message;
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].fix.find("exec"), std::string::npos);
}

TEST(SshPortExposed, OtherPortsAndBuilderStagesAreClean) {
  EXPECT_EQ(count(lint("FROM alpine:3.20\nEXPOSE 2222 220 8022/tcp 23-80\n"), "DD2052"), 0);
  EXPECT_EQ(count(lint("FROM alpine:3.20 AS build\nEXPOSE 22\nFROM alpine:3.20\nEXPOSE 8080\n"), "DD2052"), 0);
}

TEST(SshPortExposed, TrivyIdsTurnItOff) {
  Config c;
  ASSERT_TRUE(add_ignored(c, {"AVD-DS-0004"}).empty());
  EXPECT_EQ(count(lint("FROM alpine:3.20\nEXPOSE 22\n", c), "DD2052"), 0);
}

}  // namespace dd::test
