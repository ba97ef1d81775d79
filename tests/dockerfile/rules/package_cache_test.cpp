#include "lint/fix.h"
#include "rule_test.h"

namespace dd::test {

TEST(PackageCache, AptWithoutCleanupOrNoRecommends) {
  std::string df = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n";
  auto res = lint::lint_text(df, "Dockerfile", nullptr, {});
  auto f = only(res.findings, "DD2022");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 23);
  EXPECT_NE(f[0].fix.find("--no-install-recommends"), std::string::npos);
  EXPECT_NE(f[0].fix.find("rm -rf /var/lib/apt/lists/*"), std::string::npos);
  EXPECT_EQ(lint::apply_edits(df, res.edits),
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl \\\n"
            "    && rm -rf /var/lib/apt/lists/*\n");
}

TEST(PackageCache, ApkWithoutNoCacheGetsTheFlag) {
  std::string df = "FROM alpine:3.20\nRUN apk add curl\n";
  auto res = lint::lint_text(df, "Dockerfile", nullptr, {});
  ASSERT_EQ(count(res.findings, "DD2022"), 1);
  EXPECT_EQ(lint::apply_edits(df, res.edits), "FROM alpine:3.20\nRUN apk add --no-cache curl\n");
}

TEST(PackageCache, CleanInstallsAreFine) {
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends "
                       "curl && rm -rf /var/lib/apt/lists/*\n"),
                  "DD2022"),
            0);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nRUN apk add --no-cache curl\n"), "DD2022"), 0);
  EXPECT_EQ(count(lint("FROM fedora:40\nRUN dnf install -y curl && dnf clean all\n"), "DD2022"), 0);
  // The yum cache is DD1112's: one finding per cache per line.
  auto yum = lint("FROM rockylinux:9\nRUN yum install -y curl\n");
  EXPECT_EQ(count(yum, "DD2022"), 0);
  EXPECT_EQ(count(yum, "DD1112"), 1);
}

}  // namespace dd::test
