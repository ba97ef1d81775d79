#include "rule_test.h"

namespace dd::test {

TEST(CacheBust, BuildDateBeforeInstall) {
  auto f = only(lint("FROM debian:bookworm-slim\nARG BUILD_DATE\nRUN apt-get update && apt-get install -y curl\n"),
                "DD2003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_EQ(f[0].message,
            "ARG BUILD_DATE on line 2 changes on every build and invalidates the cache of RUN on line 3 and every step "
            "after it");
}

// A literal written in the file changes only when the file is edited: a
// pinned commit SHA or a release date in ENV is a version, not a cache buster.
TEST(CacheBust, LiteralEnvValuesAreFixed) {
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV GIT_REF=3f2a9c1d\nRUN npm ci\n"), "DD2003"), 0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV NODE_COMMIT=3f2a9c1d0e4b5a6978877665544332211ffeedd0\nRUN npm ci\n"),
                  "DD2003"),
            0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV RELEASED=2024-05-01\nRUN npm ci\n"), "DD2003"), 0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV Build_Date=x\nRUN npm ci\n"), "DD2003"), 0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV V=1.2.3\nRUN npm ci\n"), "DD2003"), 0);
}

// What does change per build: an ARG passed with --build-arg, and an ENV
// made of one.
TEST(CacheBust, BuildArgsAndEnvMadeOfThem) {
  EXPECT_EQ(count(lint("FROM node:20-slim\nARG GIT_COMMIT=unknown\nRUN npm ci\n"), "DD2003"), 1);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV BUILD=${GIT_SHA}\nRUN npm ci\n"), "DD2003"), 1);
  // An ARG whose default pins a commit or a version is a pin.
  EXPECT_EQ(count(lint("FROM node:20-slim\nARG COMMIT=3f2a9c1d\nRUN npm ci\n"), "DD2003"), 0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nARG REVISION=1.4.2\nRUN npm ci\n"), "DD2003"), 0);
}

TEST(CacheBust, SilentWhenDeclaredAtTheEnd) {
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nARG BUILD_DATE\n"
                       "LABEL org.opencontainers.image.created=$BUILD_DATE\n"),
                "DD2003"),
            0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV NODE_ENV=production\nRUN npm ci\n"), "DD2003"), 0);
}

}  // namespace dd::test
