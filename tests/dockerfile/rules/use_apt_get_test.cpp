#include "rule_test.h"

namespace dd::test {

TEST(UseAptGet, FlagsApt) {
  auto f = only(lint("FROM debian:12\nRUN apt update && apt install -y curl\n"), "DD1106");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("apt-get"), std::string::npos) << f[0].message;
}

TEST(UseAptGet, AptGetIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN apt-get update\n"), "DD1106"), 0); }

TEST(UseAptGet, ProposesAptGetEdit) {
  auto r = lint::lint_text("FROM debian:12\nRUN apt install -y curl\n", "Dockerfile", nullptr, Config{});
  bool found = false;
  for (const auto& e : r.edits) found = found || (e.text == "apt-get" && e.range.begin.line == 2 && e.range.begin.column == 5);
  EXPECT_TRUE(found);
}

}  // namespace dd::test
