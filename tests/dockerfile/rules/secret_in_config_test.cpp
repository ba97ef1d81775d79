#include "rule_test.h"

namespace dd::test {

TEST(SecretInConfig, AwsKeyInEnvIsRedacted) {
  std::string df = "FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
  auto f = only(lint(df), "DD2030");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 27);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_EQ(f[0].category, Category::secret_leak);
  EXPECT_EQ(f[0].evidence.rfind("ENV AWS_SECRET_ACCESS_KEY=wJal", 0), 0u) << f[0].evidence;
  EXPECT_EQ(f[0].evidence.find("wJalrXUtnFEMI"), std::string::npos);
  EXPECT_EQ(f[0].message.find("wJalrXUtnFEMI"), std::string::npos);
}

TEST(SecretInConfig, TokenFormatsAndPasswords) {
  EXPECT_EQ(count(lint("FROM alpine:3.20\nARG GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n"), "DD2030"), 1);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nENV DB_PASSWORD=hunter22\n"), "DD2030"), 1);
  auto run = only(lint("FROM alpine:3.20\nRUN curl -H 'Authorization: token ghp_abcdefghijklmnopqrstuvwxyz0123456789' "
                       "https://api.github.com\n"),
                  "DD2030");
  ASSERT_EQ(run.size(), 1u);
  EXPECT_EQ(run[0].evidence.find("ghp_abcdefghijklmnop"), std::string::npos) << run[0].evidence;
}

TEST(SecretInConfig, PlaceholdersAndPublicValuesAreFine) {
  // (A secret-named ARG without a default is reported by its name, as
  // BuildKit's SecretsUsedInArgOrEnv does: tests/dockerfile/buildkit.)
  EXPECT_EQ(count(lint("FROM alpine:3.20\nENV DB_PASSWORD=changeme\nENV API_KEY=${API_KEY}\n"
                       "ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\nENV PASSWORD_FILE=/run/secrets/pw\n"),
                  "DD2030"),
            0);
}

}  // namespace dd::test
