#include "secrets/secrets.h"

#include <gtest/gtest.h>

#include <string>

namespace dd::secrets {
namespace {

std::string rules_of(std::string_view text) {
  std::string out;
  for (const auto& m : scan_text(text)) out += (out.empty() ? "" : ",") + m.rule;
  return out;
}

TEST(Secrets, EveryPatternCompilesAndMatchesItsSample) {
  // One real-looking sample per row of the table; a broken regex fails here.
  const std::pair<const char*, const char*> samples[] = {
      {"private-key", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n"},
      {"aws-access-key-id", "key AKIAIOSFODNN7EXAMPLE here"},
      {"github-token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"},
      {"github-pat", "github_pat_11ABCDEFG0abcdefghijklmnopqrstuvwxyz"},
      {"gitlab-token", "glpat-abcdefghij1234567890"},
      {"slack-token", "xoxb-123456789012-abcdefghijkl"},
      {"slack-webhook", "https://hooks.slack.com/services/T000/B000/XXXXabcdXXXXabcdXXXX"},
      {"stripe-key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"},
      {"google-api-key", "AIzaSyA1234567890abcdefghijklmnopqrstuv"},
      {"npm-token", "npm_abcdefghijklmnopqrstuvwxyz0123456789"},
      {"sendgrid-key", "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789abcdefg"},
      {"pypi-token", "password = pypi-AgEIcHlwaS5vcmcCJDk3ZTFhYmM0LTRkZTctNDk3Ni05NGI0LWQ1YjI2ZmFhYzY1NwACKlsz"},
      {"gitlab-runner-token", "token = \"glrt-t1_AbCdEfGhIjKlMnOpQrSt\""},
      {"slack-app-token", "xapp-1-A01234ABCDE-1234567890123-0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071"},
      {"docker-config-auth", "{\"auths\":{\"registry.example\":{\"auth\":\"ZGVwbG95OlM3cm9uZ1Bhc3M=\"}}}"},
      {"azure-storage-key", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYm=="},
      {"jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"},
      {"aws-secret-access-key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
      {"npm-auth-token", "//registry.npmjs.org/:_authToken=a1b2c3d4e5f6a7b8"},
      {"url-credentials", "DATABASE_URL=postgres://app:s3cretPw@db:5432/app"},
      {"keyword-assignment", "DB_PASSWORD=hunter22"},
  };
  ASSERT_EQ(std::size(samples), patterns().size());
  for (const auto& [id, text] : samples) {
    auto found = scan_text(text);
    ASSERT_FALSE(found.empty()) << id;
    EXPECT_EQ(found.front().rule, id) << text;
  }
}

TEST(Secrets, ValueOffsetsAndRedaction) {
  std::string text = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n";
  auto m = scan_text(text);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(text.substr(m[0].begin, m[0].end - m[0].begin), "AKIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(m[0].redacted, "AKIA************MPLE");
}

TEST(Secrets, MaskRemembersOnlyCleanTexts) {
  const std::string secret = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE";
  const std::string clean = "Run apt-get update and apt-get install in the same RUN.";
  for (int round = 0; round < 3; ++round) {  // later rounds come from the cache of clean texts
    EXPECT_EQ(mask(clean), clean);
    EXPECT_EQ(mask(secret), "export AWS_ACCESS_KEY_ID=AKIA************MPLE");
  }
  // More clean texts than the cache holds: it is cleared, and still right.
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(mask("line " + std::to_string(i)), "line " + std::to_string(i));
  EXPECT_EQ(mask(secret), "export AWS_ACCESS_KEY_ID=AKIA************MPLE");
}

TEST(Secrets, UrlPasswordIsTheValue) {
  auto m = scan_text("postgres://app:s3cretPw@db:5432/app");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].value, "s3cretPw");
  EXPECT_EQ(rules_of("postgres://app@db:5432/app"), "");
}

TEST(Secrets, PlaceholdersAreNotSecrets) {
  EXPECT_TRUE(is_placeholder(""));
  EXPECT_TRUE(is_placeholder("changeme"));
  EXPECT_TRUE(is_placeholder("${NPM_TOKEN}"));
  EXPECT_TRUE(is_placeholder("$TOKEN"));
  EXPECT_TRUE(is_placeholder("<your-token>"));
  EXPECT_TRUE(is_placeholder("xxxxxxxx"));
  EXPECT_TRUE(is_placeholder("example-password"));
  EXPECT_TRUE(is_placeholder("/run/secrets/db_password"));
  EXPECT_FALSE(is_placeholder("AKIAIOSFODNN7EXAMPLE"));
  EXPECT_FALSE(is_placeholder("hunter22"));
  EXPECT_EQ(rules_of("password=changeme"), "");
  EXPECT_EQ(rules_of("token: ${GITHUB_TOKEN}"), "");
}

TEST(Secrets, SecretNames) {
  for (auto n : {"PASSWORD", "DB_PASSWORD", "MYSQL_ROOT_PASSWORD", "API_KEY", "STRIPE_SECRET_KEY", "GITHUB_TOKEN",
                 "AWS_SECRET_ACCESS_KEY", "PRIVATE_KEY", "NPM_TOKEN", "client-secret", "DB_PASS", "SECRET_KEY_BASE"})
    EXPECT_TRUE(is_secret_name(n)) << n;
  for (auto n : {"PATH", "PWD", "GPG_KEY", "DB_PASSWORD_FILE", "TOKEN_URL", "SECRET_NAME", "NODE_VERSION",
                 "TOKENIZERS_PARALLELISM", "KEY", "PASSWORD_MIN_LENGTH", "HOSTNAME"})
    EXPECT_FALSE(is_secret_name(n)) << n;
}

TEST(Secrets, LooksSecretValue) {
  EXPECT_TRUE(looks_secret_value("DB_PASSWORD", "hunter2"));
  EXPECT_TRUE(looks_secret_value("SOMETHING", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"));
  EXPECT_TRUE(looks_secret_value("CONFIG_BLOB", "q8Zr3K7vLm2Xw9Tn4Bp6Yc1Hd5Jf0Gs8Ua2Ve7Ni"));
  EXPECT_FALSE(looks_secret_value("DB_PASSWORD", "changeme"));
  EXPECT_FALSE(looks_secret_value("DB_PASSWORD", ""));
  EXPECT_FALSE(looks_secret_value("NODE_VERSION", "20.11.1"));
  EXPECT_FALSE(looks_secret_value("GPG_KEY", "A035C8C19219BA821ECEA86B64E628F8D684696D"));
  EXPECT_FALSE(looks_secret_value("PYTHON_SHA256", "07a4356e912900e61a15cb0949a06c4a05012e213ecd6b4e84d0f67aabbee372"));
}

TEST(Secrets, Entropy) {
  EXPECT_DOUBLE_EQ(entropy(""), 0.0);
  EXPECT_DOUBLE_EQ(entropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(entropy("abcd"), 2.0);
  EXPECT_GT(entropy("q8Zr3K7vLm2Xw9Tn4Bp6"), 4.0);
}

TEST(Secrets, CodeIsNotACredential) {
  EXPECT_EQ(rules_of("token = getToken()"), "");
  EXPECT_EQ(rules_of("password: required"), "");
  EXPECT_EQ(rules_of("PASSWORD_FILE=/run/secrets/pw"), "");
}

TEST(Secrets, BinaryAndHugeInputDoNotCrash) {
  std::string bin(1 << 20, '\0');
  for (size_t i = 0; i < bin.size(); ++i) bin[i] = static_cast<char>(i * 131);
  (void)scan_text(bin);
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "AKIAIOSFODNN7EXAMPLE ";
  EXPECT_EQ(scan_text(many).size(), 2000u);
}

}  // namespace
}  // namespace dd::secrets
