#include "rule_test.h"

namespace dd::test {

TEST(AptGetYes, FlagsInstallWithoutYes) {
  auto f = only(lint("FROM debian:12\nRUN apt-get update && apt-get install curl\n"), "DD1105");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 31);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("without -y"), std::string::npos) << f[0].message;
}

TEST(AptGetYes, BundledQyIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN apt-get install -qy curl\n"), "DD1105"), 0); }

TEST(AptGetYes, AssumeYesIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN apt-get --assume-yes install curl && apt-get -qq purge x\n"), "DD1105"), 0); }

TEST(AptGetYes, UpdateNeedsNoYes) { EXPECT_EQ(count(lint("FROM debian:12\nRUN apt-get update\n"), "DD1105"), 0); }

TEST(AptGetYes, QuotedTextIsNotACommand) { EXPECT_EQ(count(lint("FROM debian:12\nRUN echo 'apt-get install curl'\n"), "DD1105"), 0); }

}  // namespace dd::test
