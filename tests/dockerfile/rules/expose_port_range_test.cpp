#include "rule_test.h"

namespace dd::test {

TEST(ExposePortRange, FlagsOutOfRange) {
  auto f = only(lint("FROM nginx:1.27\nEXPOSE 80 80000\n"), "DD1020");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 11);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("80000"), std::string::npos) << f[0].message;
}

TEST(ExposePortRange, ValidIsClean) { EXPECT_EQ(count(lint("FROM nginx:1.27\nEXPOSE 0 65535 8000-8010/udp ${PORT}\n"), "DD1020"), 0); }

}  // namespace dd::test
