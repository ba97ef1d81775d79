#include "rule_test.h"

namespace dd::test {

TEST(ExposeInvalidFormat, FlagsHostMapping) {
  auto f = only(lint("FROM nginx:1.27\nEXPOSE 80 127.0.0.1:8080:80\n"), "DD1019");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 11);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("(80)"), std::string::npos) << f[0].message;
}

TEST(ExposeInvalidFormat, PlainIsClean) { EXPECT_EQ(count(lint("FROM nginx:1.27\nEXPOSE 80 8000-8010/tcp\n"), "DD1019"), 0); }

}  // namespace dd::test
