#include "rule_test.h"

namespace dd::test {

TEST(RunsAsRoot, NoUser) {
  auto f = only(lint("FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n"), "DD2050");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_NE(f[0].fix.find("USER app"), std::string::npos);
}

TEST(RunsAsRoot, RootLast) {
  auto f = only(lint("FROM node:20-slim\nUSER node\nRUN id\nUSER root\n"), "DD2050");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 4);
  EXPECT_EQ(f[0].location.column, 6);
}

TEST(RunsAsRoot, NonRootDefaults) {
  EXPECT_EQ(count(lint("FROM scratch\nCOPY app /app\n"), "DD2050"), 0);
  EXPECT_EQ(count(lint("FROM gcr.io/distroless/static-debian12:nonroot\n"), "DD2050"), 0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nUSER node\n"), "DD2050"), 0);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nUSER 10001:10001\n"), "DD2050"), 0);
}

TEST(RunsAsRoot, UserNeverCreated) {
  auto f = only(lint("FROM debian:bookworm-slim\nUSER app\n"), "DD2051");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nRUN useradd -r app\nUSER app\n"), "DD2051"), 0);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nRUN adduser -S -D app\nUSER app:app\n"), "DD2051"), 0);
  EXPECT_EQ(count(lint("FROM nginx:1.27\nUSER nginx\n"), "DD2051"), 0);
}

}  // namespace dd::test
