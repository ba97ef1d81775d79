#include "rule_test.h"

namespace dd::test {

TEST(UseraddHighUid, FlagsHighUid) {
  auto f = only(lint("FROM debian:12\nRUN useradd -u 1000000 app\n"), "DD1121");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("1000000"), std::string::npos) << f[0].message;
}

TEST(UseraddHighUid, LowUidIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN useradd -u 1000 app\n"), "DD1121"), 0); }

TEST(UseraddHighUid, NoLogInitIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN useradd --no-log-init -u 1000000 app\n"), "DD1121"), 0); }

TEST(UseraddHighUid, BundledLIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN useradd -lu 1000000 app\n"), "DD1121"), 0); }

}  // namespace dd::test
