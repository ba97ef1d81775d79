#include "rule_test.h"

namespace dd::test {

TEST(ExposeProtoCasing, FlagsUpperProto) {
  auto f = only(lint("FROM nginx:1.27\nEXPOSE 80/TCP 53/udp\n"), "DD1018");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 8);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("TCP"), std::string::npos) << f[0].message;
}

TEST(ExposeProtoCasing, LowerIsClean) { EXPECT_EQ(count(lint("FROM nginx:1.27\nEXPOSE 80/tcp 53/udp 8080\n"), "DD1018"), 0); }

}  // namespace dd::test
