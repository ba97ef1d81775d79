#include "rule_test.h"

namespace dd::test {

TEST(ShellViaLn, FlagsRelink) {
  auto f = only(lint("FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n"), "DD1127");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 22);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("SHELL"), std::string::npos) << f[0].message;
}

TEST(ShellViaLn, OtherLinksAreClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN ln -sf /usr/bin/python3 /usr/bin/python\n"), "DD1127"), 0); }

}  // namespace dd::test
