#include "rule_test.h"

namespace dd::test {

namespace {
const char* kFile =
    "FROM alpine:3.20\n"
    "# hadolint ignore=DL3018\n"
    "RUN apk add --no-cache curl\n"
    "# drydock global ignore=DD2040, DD2050\n"
    "# a comment that is no pragma\n"
    "USER nobody\n";

Config with_severity(Severity s) {
  Config c;
  c.severity["DD1141"] = s;
  return c;
}
}  // namespace

TEST(InlineIgnorePragma, OffByDefault) { EXPECT_EQ(count(lint(kFile), "DD1141"), 0); }

TEST(InlineIgnorePragma, FlagsEachPragmaOnceTurnedOn) {
  auto f = only(lint(kFile, with_severity(Severity::warning)), "DD1141");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_EQ(f[0].location.end_column, 25);
  EXPECT_EQ(f[0].severity, Severity::warning);
  EXPECT_NE(f[0].message.find("DL3018"), std::string::npos);
  EXPECT_NE(f[0].fix.find("DL3018"), std::string::npos);
  EXPECT_EQ(f[1].location.line, 4);
  EXPECT_NE(f[1].message.find("whole file"), std::string::npos);
  EXPECT_NE(f[1].message.find("DD2040,DD2050"), std::string::npos);
}

TEST(InlineIgnorePragma, HadolintOverrideTurnsItOn) {
  TempDir dir;
  auto cfg = dir.write(".hadolint.yaml", "override:\n  error:\n    - DL1001\n");
  auto f = only(lint(kFile, load_config(cfg)), "DD1141");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].severity, Severity::error);
}

TEST(InlineIgnorePragma, DisabledPragmasSuppressNothing) {
  const std::string df = "FROM alpine:3.20\n# hadolint ignore=DL4000\nMAINTAINER Jane\n";
  EXPECT_EQ(count(lint(df), "DD1001"), 0);
  Config c;
  c.disable_ignore_pragma = true;
  EXPECT_EQ(count(lint(df, c), "DD1001"), 1);
  TempDir dir;
  EXPECT_EQ(count(lint(df, load_config(dir.write(".hadolint.yaml", "disable-ignore-pragma: true\n"))), "DD1001"), 1);
  EXPECT_EQ(count(lint(df, load_config(dir.write(".drydock.yaml", "disable_ignore_pragma: true\n"))), "DD1001"), 1);
}

}  // namespace dd::test
