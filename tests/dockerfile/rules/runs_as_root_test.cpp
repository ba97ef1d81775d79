#include "fake_image_store.h"
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

namespace dd::test {

// With the base image at hand (--local-images), its /etc/passwd and its
// configured user decide.
TEST(RunsAsRoot, LocalBaseImageUsersAndDefaultUser) {
  auto store = std::make_shared<FakeImageStore>();
  auto& corp = store->images["corp/base:1"];
  corp.image = {"sha256:aaaa", {"linux", "amd64", ""}, "", {}};
  corp.files = {{"/etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1234:1234::/home/app:/bin/sh\n"}};
  auto& nonroot = store->images["corp/nonroot:1"];
  nonroot.image = {"sha256:bbbb", {"linux", "amd64", ""}, "1234:1234", {}};
  nonroot.files = corp.files;
  auto& node = store->images["node:22-slim"];  // a trimmed copy without the node user
  node.image = {"sha256:cccc", {"linux", "amd64", ""}, "", {}};
  node.files = {{"/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"}};
  const Config cfg = with_store(store);

  // A user of the base: the guess would call it never created.
  EXPECT_EQ(count(lint("FROM corp/base:1\nUSER app\n"), "DD2051"), 1);
  EXPECT_EQ(count(lint("FROM corp/base:1\nUSER app\n", cfg), "DD2051"), 0);
  auto f = only(lint("FROM corp/base:1\nUSER web\n", cfg), "DD2051");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("not a user in /etc/passwd of corp/base:1"), std::string::npos) << f[0].message;
  // The real image wins over what the official image usually has.
  EXPECT_EQ(count(lint("FROM node:22-slim\nUSER node\n"), "DD2051"), 0);
  EXPECT_EQ(count(lint("FROM node:22-slim\nUSER node\n", cfg), "DD2051"), 1);
  // A base configured to run as a non-root user keeps doing so without USER.
  EXPECT_EQ(count(lint("FROM corp/nonroot:1\nCMD [\"/app\"]\n"), "DD2050"), 1);
  EXPECT_EQ(count(lint("FROM corp/nonroot:1\nCMD [\"/app\"]\n", cfg), "DD2050"), 0);
  EXPECT_EQ(count(lint("FROM corp/base:1\nCMD [\"/app\"]\n", cfg), "DD2050"), 1);
}

}  // namespace dd::test
