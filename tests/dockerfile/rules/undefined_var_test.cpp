#include "rule_test.h"

namespace dd::test {

TEST(UndefinedVar, FlagsPlatformArgWithoutDeclaration) {
  auto f = only(lint("FROM golang:1.22\nCOPY bin/app-${TARGETARCH} /app\n"), "DD1011");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 14);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("TARGETARCH"), std::string::npos) << f[0].message;
}

TEST(UndefinedVar, FlagsGlobalArgNotRedeclared) {
  auto f = only(lint("ARG VERSION=1\nFROM alpine:3.20\nLABEL version=$VERSION\n"), "DD1011");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 15);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("VERSION"), std::string::npos) << f[0].message;
}

TEST(UndefinedVar, FlagsTypo) {
  auto f = only(lint("FROM alpine:3.20\nENV APP_HOME=/srv\nWORKDIR $APP_HOEM\n"), "DD1011");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 9);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("APP_HOME"), std::string::npos) << f[0].message;
}

TEST(UndefinedVar, FlagsAnythingOnScratch) {
  auto f = only(lint("FROM scratch\nCOPY app /$DIR/\n"), "DD1011");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 11);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("scratch"), std::string::npos) << f[0].message;
}

TEST(UndefinedVar, DeclaredIsClean) { EXPECT_EQ(count(lint("FROM golang:1.22\nARG TARGETARCH\nCOPY bin/app-${TARGETARCH} /app\n"), "DD1011"), 0); }

TEST(UndefinedVar, BaseImageEnvIsClean) { EXPECT_EQ(count(lint("FROM php:8.3-apache\nCOPY php.ini $PHP_INI_DIR/php.ini\n"), "DD1011"), 0); }

TEST(UndefinedVar, DefaultIsClean) { EXPECT_EQ(count(lint("FROM scratch\nCOPY app /${DIR:-srv}/\n"), "DD1011"), 0); }

TEST(UndefinedVar, RunIsNotChecked) { EXPECT_EQ(count(lint("FROM alpine:3.20\nRUN echo $TARGETARCH\n"), "DD1011"), 0); }

}  // namespace dd::test
