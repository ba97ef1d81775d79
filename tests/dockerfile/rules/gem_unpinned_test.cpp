#include "rule_test.h"

namespace dd::test {

TEST(GemUnpinned, FlagsUnpinned) {
  auto f = only(lint("FROM ruby:3.3\nRUN gem install bundler\n"), "DD1110");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 17);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("bundler"), std::string::npos) << f[0].message;
}

TEST(GemUnpinned, VersionFlagIsClean) { EXPECT_EQ(count(lint("FROM ruby:3.3\nRUN gem install bundler -v 2.5.11\n"), "DD1110"), 0); }

TEST(GemUnpinned, ColonVersionIsClean) { EXPECT_EQ(count(lint("FROM ruby:3.3\nRUN gem install bundler:2.5.11\n"), "DD1110"), 0); }

}  // namespace dd::test
