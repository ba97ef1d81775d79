#include "rule_test.h"

namespace dd::test {

TEST(WorkdirSystemDir, FlagsDirectoriesTheRuntimeMountsOver) {
  auto f = only(lint("FROM alpine:3.20\nWORKDIR /proc/app\nWORKDIR ../../dev/x\nARG D=/sys\nWORKDIR $D/cfg\n"),
                "DD1032");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 9);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_NE(f[0].message.find("under /proc"), std::string::npos) << f[0].message;
  EXPECT_NE(f[1].message.find("resolves to /dev/x"), std::string::npos) << f[1].message;  // relative to /proc/app
  EXPECT_NE(f[2].message.find("/sys/cfg"), std::string::npos) << f[2].message;            // expanded
  EXPECT_EQ(f[0].fix, "WORKDIR /app");
}

TEST(WorkdirSystemDir, HostSystemDirectoriesAreWarnings) {
  auto f = only(lint("FROM alpine:3.20\nWORKDIR /boot\n"), "DD1032");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::warning);
}

TEST(WorkdirSystemDir, OrdinaryDirectoriesAreClean) {
  EXPECT_EQ(count(lint("FROM alpine:3.20\nWORKDIR /app\nWORKDIR /srv/proc\nWORKDIR /devices\nWORKDIR sub\n"),
                  "DD1032"),
            0);
  // Reported once, in the stage that sets it, not again in a stage built FROM it.
  EXPECT_EQ(count(lint("FROM alpine:3.20 AS base\nWORKDIR /dev/app\nFROM base\nRUN true\n"), "DD1032"), 1);
}

}  // namespace dd::test
