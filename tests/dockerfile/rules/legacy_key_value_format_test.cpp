#include "rule_test.h"

namespace dd::test {

TEST(LegacyKeyValueFormat, FlagsLegacyEnv) {
  auto f = only(lint("FROM node:20\nENV NODE_ENV production\n"), "DD1013");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("NODE_ENV=production"), std::string::npos) << f[0].message;
}

TEST(LegacyKeyValueFormat, EqualsIsClean) { EXPECT_EQ(count(lint("FROM node:20\nENV NODE_ENV=production A=b\nLABEL a=b\n"), "DD1013"), 0); }

}  // namespace dd::test

namespace dd::test {

TEST(LegacyKeyValueFormat, SecretValueIsRedactedEverywhere) {
  auto f = only(lint("FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"), "DD1013");
  ASSERT_EQ(f.size(), 1u);
  for (const auto* s : {&f[0].message, &f[0].evidence, &f[0].fix})
    EXPECT_EQ(s->find("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), std::string::npos) << *s;
}

}  // namespace dd::test
