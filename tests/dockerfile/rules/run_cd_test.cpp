#include "rule_test.h"

namespace dd::test {

TEST(RunCd, FlagsTopLevelCd) {
  auto f = only(lint("FROM debian:12\nRUN cd /src && make\n"), "DD1102");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("cd /src"), std::string::npos) << f[0].message;
}

TEST(RunCd, SubshellCdIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN (cd /src && make) && make install\n"), "DD1102"), 0); }

TEST(RunCd, TrailingCdIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN make && cd /\n"), "DD1102"), 0); }

}  // namespace dd::test
