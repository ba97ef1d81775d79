#include "rule_test.h"

namespace dd::test {

TEST(ContextSecretFiles, FlagsEnvAndNestedKeyAtTheSourceArgument) {
  TempDir d;
  d.write(".env", "API_KEY=sk_live_abcdefghijklmnop\n");
  d.write("certs/server.pem", "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
  d.write("app.js", "console.log(1)\n");
  auto f = only(lint_in(d, "FROM node:20\nWORKDIR /app\nCOPY . .\n"), "DD3001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_EQ(f[0].category, Category::secret_leak);
  EXPECT_NE(f[0].message.find(".env"), std::string::npos);
  EXPECT_NE(f[0].message.find("certs/server.pem"), std::string::npos);
  // Never the file contents.
  EXPECT_EQ(f[0].message.find("sk_live"), std::string::npos);
  EXPECT_EQ(f[0].fix.find("sk_live"), std::string::npos);
  EXPECT_EQ(f[0].evidence.find("sk_live"), std::string::npos);
  // `*.pem` only matches at the root, so the nested key needs `**/*.pem`.
  EXPECT_NE(f[0].fix.find("**/*.pem"), std::string::npos);
  EXPECT_NE(f[0].fix.find("\n.env\n"), std::string::npos);
  EXPECT_NE(f[0].fix.find("--mount=type=secret"), std::string::npos);
}

TEST(ContextSecretFiles, SilentWhenDockerignoreExcludesThem) {
  TempDir d;
  d.write(".dockerignore", ".env\n**/*.pem\n");
  d.write(".env", "A=1\n");
  d.write("certs/server.pem", "-----BEGIN PRIVATE KEY-----\n");
  EXPECT_EQ(count(lint_in(d, "FROM node:20\nCOPY . .\n"), "DD3001"), 0);
}

TEST(ContextSecretFiles, RootOnlyPatternDoesNotCoverNestedFiles) {
  TempDir d;
  d.write(".dockerignore", "*.pem\n");
  d.write("certs/server.pem", "-----BEGIN PRIVATE KEY-----\n");
  auto f = only(lint_in(d, "FROM node:20\nCOPY . .\n"), "DD3001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find(".dockerignore does not exclude"), std::string::npos);
}

TEST(ContextSecretFiles, NpmrcOnlyWithAToken) {
  TempDir d;
  d.write(".npmrc", "registry=https://registry.npmjs.org/\n");
  EXPECT_EQ(count(lint_in(d, "FROM node:20\nCOPY .npmrc package.json ./\n"), "DD3001"), 0);
  TempDir t;
  t.write(".npmrc", "//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n");
  t.write("package.json", "{}");
  auto f = only(lint_in(t, "FROM node:20\nCOPY .npmrc package.json ./\n"), "DD3001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(f[0].message.find("npm_abc"), std::string::npos);
}

TEST(ContextSecretFiles, CertificatesTemplatesAndPublicKeysAreNotSecrets) {
  TempDir d;
  d.write("ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  d.write(".env.example", "API_KEY=\n");
  d.write("id_rsa.pub", "ssh-rsa AAAA user@host\n");
  EXPECT_EQ(count(lint_in(d, "FROM alpine:3.20\nCOPY . /app\n"), "DD3001"), 0);
}

TEST(ContextSecretFiles, CredentialFilesByFolder) {
  TempDir d;
  d.write("deploy/.aws/credentials", "[default]\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\n");
  d.write("deploy/.kube/config", "apiVersion: v1\n");
  d.write("infra/prod.tfstate", "{}");
  d.write("aws/credentials", "not in .aws\n");
  auto f = only(lint_in(d, "FROM alpine:3.20\nCOPY deploy /deploy\nCOPY infra /infra\nCOPY aws /aws\n"), "DD3001");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_NE(f[0].message.find("deploy/.aws/credentials"), std::string::npos);
  EXPECT_NE(f[0].message.find("deploy/.kube/config"), std::string::npos);
  EXPECT_NE(f[0].fix.find("**/.aws"), std::string::npos);
  EXPECT_EQ(f[1].location.line, 3);
  EXPECT_NE(f[1].fix.find("**/*.tfstate"), std::string::npos);
}

TEST(ContextSecretFiles, GitConfigWithTokenInRemote) {
  TempDir d;
  d.write(".git/config", "[remote \"origin\"]\n\turl = https://bot:ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/a/b.git\n");
  d.write(".git/HEAD", "ref: refs/heads/main\n");
  auto f = only(lint_in(d, "FROM alpine:3.20\nCOPY . /src\n"), "DD3001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find(".git/config"), std::string::npos);
  EXPECT_EQ(f[0].message.find("ghp_"), std::string::npos);
  TempDir clean;
  clean.write(".git/config", "[remote \"origin\"]\n\turl = https://github.com/a/b.git\n");
  EXPECT_EQ(count(lint_in(clean, "FROM alpine:3.20\nCOPY . /src\n"), "DD3001"), 0);
}

TEST(ContextSecretFiles, IgnoresCopyFromStagesAndLintWithoutContext) {
  TempDir d;
  d.write(".env", "A=1\n");
  EXPECT_EQ(count(lint_in(d, "FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b / /\n"), "DD3001"), 0);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nCOPY . .\n"), "DD3001"), 0);
}

TEST(ContextSecretFiles, NamesTheStage) {
  TempDir d;
  d.write("secrets.yaml", "password: x\n");
  auto f = only(lint_in(d, "FROM golang:1.22 AS build\nCOPY . .\nFROM alpine:3.20 AS runtime\nCOPY secrets.yaml /etc/\n"),
                "DD3001");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_NE(f[0].message.find("stage 'build'"), std::string::npos);
  EXPECT_NE(f[1].message.find("final stage 'runtime'"), std::string::npos);
}

}  // namespace dd::test

namespace dd::test {

TEST(ContextSecretFiles, CopyExcludeFlagLeavesThemOut) {
  TempDir d;
  d.write(".env", "A=1\n");
  d.write("certs/k.pem", "-----BEGIN PRIVATE KEY-----\n");
  EXPECT_EQ(count(lint_in(d, "# syntax=docker/dockerfile:1.7-labs\nFROM alpine:3.20\nCOPY --exclude=.env --exclude=**/*.pem . /app\n"),
                  "DD3001"),
            0);
  auto f = only(lint_in(d, "FROM alpine:3.20\nCOPY --exclude=.env . /app\n"), "DD3001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message.find(".env,"), std::string::npos);
  EXPECT_NE(f[0].message.find("certs/k.pem"), std::string::npos);
}

}  // namespace dd::test
