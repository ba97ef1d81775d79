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

TEST(CacheBust, EnvWithCommitOrDate) {
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV GIT_REF=3f2a9c1d\nRUN npm ci\n"), "DD2003"), 1);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV RELEASED=2024-05-01\nRUN npm ci\n"), "DD2003"), 1);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV AT=2024-05-01T10:20:30Z\nRUN npm ci\n"), "DD2003"), 1);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV Build_Date=x\nRUN npm ci\n"), "DD2003"), 1);
  // Not per-build values: a longer word, an upper-case word, a version.
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV AT=2024-05-01x\nRUN npm ci\n"), "DD2003"), 0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV MODE=DEADBEEF\nRUN npm ci\n"), "DD2003"), 0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV V=1.2.3\nRUN npm ci\n"), "DD2003"), 0);
}

TEST(CacheBust, SilentWhenDeclaredAtTheEnd) {
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nARG BUILD_DATE\n"
                       "LABEL org.opencontainers.image.created=$BUILD_DATE\n"),
                "DD2003"),
            0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV NODE_ENV=production\nRUN npm ci\n"), "DD2003"), 0);
}

}  // namespace dd::test
