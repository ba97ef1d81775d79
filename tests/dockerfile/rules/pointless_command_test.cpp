#include "rule_test.h"

namespace dd::test {

TEST(PointlessCommand, FlagsServiceStart) {
  auto f = only(lint("FROM debian:12\nRUN service nginx start\n"), "DD1101");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("service"), std::string::npos) << f[0].message;
}

TEST(PointlessCommand, NormalCommandsAreClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN apt-get update && echo ps top\n"), "DD1101"), 0); }

}  // namespace dd::test
