#include "rule_test.h"

namespace dd::test {

TEST(AddToExtract, FlagsCopyThenTar) {
  auto f = only(lint("FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n"), "DD1027");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("line 3"), std::string::npos) << f[0].message;
}

TEST(AddToExtract, NoExtractIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nCOPY app.tar.gz /srv/\n"), "DD1027"), 0); }

TEST(AddToExtract, OtherStageIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nCOPY app.tar.gz /tmp/\nFROM debian:12\nRUN tar -xzf /tmp/app.tar.gz\n"), "DD1027"), 0); }

}  // namespace dd::test
