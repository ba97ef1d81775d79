#include "fake_image_store.h"
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

namespace dd::test {

// With --local-images the base image's environment is known, as BuildKit
// knows it from the image config: what it sets is defined, and a name that
// neither the Dockerfile nor the base sets is reported.
TEST(UndefinedVar, LocalBaseImageEnvironment) {
  auto store = std::make_shared<FakeImageStore>();
  store->images["node:22-slim"].image = {
      "sha256:aaaa", {"linux", "amd64", ""}, "", {"PATH=/usr/local/bin:/usr/bin", "NODE_VERSION=22.11.0", "YARN_VERSION=1.22.22"}};
  const Config cfg = with_store(store);
  // Set by the base: clean, through a builder stage too.
  EXPECT_EQ(count(lint("FROM node:22-slim\nLABEL node=$NODE_VERSION\n", cfg), "DD1011"), 0);
  EXPECT_EQ(count(lint("FROM node:22-slim AS b\nFROM b\nLABEL node=$NODE_VERSION\n", cfg), "DD1011"), 0);
  store->images["bare:1"].image = {"sha256:bbbb", {"linux", "amd64", ""}, "", {}};
  EXPECT_EQ(count(lint("FROM bare:1\nENV PATH=/app/bin:$PATH\n", cfg), "DD1011"), 0) << "the builder's default PATH";
  // Set nowhere: only the look at the base can say so.
  const char* df = "FROM node:22-slim\nENV APP_HOME=$APP_ROOT/app\n";
  EXPECT_EQ(count(lint(df), "DD1011"), 0);
  auto f = only(lint(df, cfg), "DD1011");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("the environment of node:22-slim (looked up in the local engine) does not set it"),
            std::string::npos)
      << f[0].message;
  EXPECT_EQ(f[0].location.column, 14);
  // A near miss of a name the base sets.
  f = only(lint("FROM node:22-slim\nLABEL node=$NODE_VERSON\n", cfg), "DD1011");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("did you mean $NODE_VERSION?"), std::string::npos) << f[0].message;
  // A base the engine does not hold stays unknown.
  EXPECT_EQ(count(lint("FROM python:3.12\nENV X=$APP_ROOT\n", cfg), "DD1011"), 0);
}

// Variables the builder or the runtime sets without a declaration are never
// "undefined": PATH (BuildKit's default), HOME, HOSTNAME.
TEST(UndefinedVar, DefaultEnvironmentIsDefined) {
  EXPECT_EQ(count(lint("FROM scratch\nENV PATH=/app/bin:$PATH\nWORKDIR $HOME\nLABEL host=$HOSTNAME\n"), "DD1011"), 0);
  auto store = std::make_shared<FakeImageStore>();
  store->images["bare:1"].image = {"sha256:bbbb", {"linux", "amd64", ""}, "", {"GOPATH=/go"}};
  const Config cfg = with_store(store);
  // No near miss either: $PATH is not a typo of $GOPATH.
  EXPECT_EQ(count(lint("FROM bare:1\nENV PATH=$GOPATH/bin:$PATH\nENV CACHE=$HOME/.cache\n", cfg), "DD1011"), 0);
  // A name nobody sets is still reported.
  EXPECT_EQ(count(lint("FROM scratch\nENV X=$APP_ROOT\n"), "DD1011"), 1);
  EXPECT_EQ(count(lint("FROM bare:1\nENV X=$APP_ROOT/bin\n", cfg), "DD1011"), 1);
}

}  // namespace dd::test
