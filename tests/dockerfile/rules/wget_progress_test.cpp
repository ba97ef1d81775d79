#include "rule_test.h"

namespace dd::test {

TEST(WgetProgress, FlagsPlainWget) {
  auto f = only(lint("FROM debian:12\nRUN wget https://example.com/a.tgz\n"), "DD1122");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("wget"), std::string::npos) << f[0].message;
}

TEST(WgetProgress, ProgressIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a.tgz\n"), "DD1122"), 0); }

TEST(WgetProgress, QuietIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN wget -qO- https://example.com/a.tgz | tar xz\n"), "DD1122"), 0); }

}  // namespace dd::test
