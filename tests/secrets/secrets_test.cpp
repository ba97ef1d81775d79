#include "secrets/secrets.h"
#include "secrets/pgpass.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dd::secrets {
namespace {

std::string rules_of(std::string_view text) {
  std::string out;
  for (const auto& m : scan_text(text)) out += (out.empty() ? "" : ",") + m.rule;
  return out;
}

std::string rep(std::string_view chars, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += chars[(i * 7 + 3) % chars.size()];
  return s;
}

// Samples of the rows added after trivy's and gitleaks' lists, built to the
// documented shape (none is a real key).
std::vector<std::pair<std::string, std::string>> more_samples() {
  const std::string alnum = "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz";
  const std::string hex = "0123456789abcdef";
  const std::string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
  return {
      {"openai-key", "OPENAI=sk-proj-" + rep(alnum, 22) + "T3BlbkFJ" + rep(alnum, 22)},
      {"anthropic-key", "sk-ant-api03-" + rep(alnum, 93)},
      {"huggingface-token", "hf_" + rep("abcdefghijkLMNOPQRSTuvwxyz", 34)},
      {"digitalocean-token", "dop_v1_" + rep(hex, 64)},
      {"shopify-token", "shpat_" + rep(hex, 32)},
      {"age-secret-key", "AGE-SECRET-KEY-1" + rep("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)},
      {"vault-token", "hvs." + rep(alnum, 95)},
      {"terraform-token", rep(alnum, 14) + ".atlasv1." + rep(alnum, 65)},
      {"grafana-token", "glsa_" + rep(alnum, 32) + "_" + rep(hex, 8)},
      {"postman-key", "PMAK-" + rep(hex, 24) + "-" + rep(hex, 34)},
      {"databricks-token", "dapi" + rep(hex, 32)},
      {"doppler-token", "dp.pt." + rep(alnum, 43)},
      {"dynatrace-token", "dt0c01." + rep(upper, 24) + "." + rep(upper, 64)},
      {"new-relic-key", "NRAK-" + rep(upper, 27)},
      {"linear-key", "lin_api_" + rep(alnum, 40)},
      {"planetscale-token", "pscale_tkn_" + rep(alnum, 43)},
      {"pulumi-token", "pul-" + rep(hex, 40)},
      {"rubygems-key", "rubygems_" + rep(hex, 48)},
      {"sendinblue-key", "xkeysib-" + rep(hex, 64) + "-" + rep(alnum, 16)},
      {"shippo-token", "shippo_live_" + rep(hex, 40)},
      {"alibaba-access-key-id", "LTAI" + rep(alnum, 20)},
      {"gcp-oauth-secret", "GOCSPX-" + rep(alnum, 28)},
      {"docker-hub-pat", "dckr_pat_" + rep(alnum, 27)},
      {"gitlab-other-token", "gldt-" + rep(alnum, 20)},
      {"telegram-bot-token", "123456789:AA" + rep(alnum, 33)},
      {"discord-webhook", "https://discord.com/api/webhooks/123456789012345678/" + rep(alnum, 64)},
      {"azure-ad-client-secret", "secret abc8Q~" + rep(alnum, 34)},
      {"sentry-token", "sntrys_eyJ" + rep(alnum, 70)},
      {"mapbox-secret", "sk.eyJ" + rep(alnum, 60) + "." + rep(alnum, 22)},
      {"square-token", "sq0atp-" + rep(alnum, 22)},
      {"atlassian-token", "ATATT3" + rep(alnum, 190)},
      {"docker-config-identitytoken", R"({"auths":{"r.example":{"identitytoken":"Zq8rT2pLx9mZk4wQ7"}}})"},
      {"netrc-password", "machine github.com\n  login octocat\n  password Zq8rT2pLx9mZ\n"},
      {"netrc-default-password", "default login deploy password Hq7wPz3kLm2x\n"},
      {"twilio-api-key", "TWILIO_API_KEY=SK" + rep(hex, 32)},
      {"twilio-auth-token", "twilio_auth_token: \"" + rep(hex, 32) + "\""},
      {"heroku-api-key", "HEROKU_API_KEY=" + rep(hex, 8) + "-" + rep(hex, 4) + "-" + rep(hex, 4) + "-" + rep(hex, 4) + "-" + rep(hex, 12)},
      {"mailgun-api-key", "MAILGUN_API_KEY = 'key-" + rep(hex, 32) + "'"},
      {"mailgun-signing-key", "mailgun.signing_key: " + rep("abcdefgh0123456789", 32) + "-" + rep(hex, 8) + "-" + rep(hex, 8)},
      {"facebook-secret", "FACEBOOK_APP_SECRET=" + rep(hex, 32)},
      {"twitter-api-secret", "TWITTER_CONSUMER_SECRET=" + rep("abcdefghijklmnopqrstuvwxyz0123456789", 50)},
      {"twitter-api-key", "twitter_consumer_key: " + rep("abcdefghijklmnopqrstuvwxyz0123456789", 25)},
      {"twitter-access-token", "TWITTER_ACCESS_TOKEN=1234567890123456789-" + rep(alnum, 30)},
      {"linkedin-secret", "LINKEDIN_CLIENT_SECRET=" + rep("abcdefghijklmnopqrstuvwxyz0123456789", 16)},
      {"okta-token", "OKTA_API_TOKEN=00" + rep(alnum, 40)},
      {"heroku-api-key-v2", "HRKU-AA" + rep(alnum, 58)},
      {"facebook-access-token", "EAAC" + rep(alnum, 120)},
      {"twitter-bearer-token", std::string(22, 'A') + rep(alnum + "%", 90)},
  };
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
  const auto more = more_samples();
  ASSERT_EQ(std::size(samples) + more.size(), patterns().size());
  for (const auto& [id, text] : samples) {
    auto found = scan_text(text);
    ASSERT_FALSE(found.empty()) << id;
    EXPECT_EQ(found.front().rule, id) << text;
  }
  for (const auto& [id, text] : more) {
    auto found = scan_text(text);
    ASSERT_FALSE(found.empty()) << id << ": " << text;
    EXPECT_EQ(found.front().rule, id) << text;
    // Redacted output never holds the value.
    EXPECT_EQ(mask(text).find(found.front().value), std::string::npos) << id;
  }
}

// .netrc, .pgpass and docker config.json: the value is the password only,
// and the files' harmless forms are left alone.
TEST(Secrets, CredentialFilesGiveThePasswordOnly) {
  auto one = [](std::string_view text) {
    auto f = scan_text(text);
    return f.size() == 1 ? f[0].value : "<" + std::to_string(f.size()) + " matches>";
  };
  EXPECT_EQ(one("machine github.com login octocat password Zq8rT2pLx9mZ\n"), "Zq8rT2pLx9mZ");
  EXPECT_EQ(one("machine api.heroku.com\n  login me@example.org\n  password 9f1c2d3e-aa11-4b2c-9d8e-123456789abc\n"),
            "9f1c2d3e-aa11-4b2c-9d8e-123456789abc");
  EXPECT_EQ(one("default login deploy password Hq7wPz3kLm2x"), "Hq7wPz3kLm2x");
  EXPECT_TRUE(scan_text("machine ftp.debian.org login anonymous password someone@example.org\n").empty());
  EXPECT_TRUE(scan_text("machine example.com login me password changeme\n").empty());
  EXPECT_TRUE(scan_text("return f'machine {host} login {self.username} password {self.password}'\n").empty());
  EXPECT_TRUE(scan_text("printf 'machine %s login %s password %s' \"$H\" \"$U\" \"$P\"\n").empty());
  // .pgpass: a file known to be one, line by line (the shape alone is too
  // loose for every text), the password last.
  auto pg = scan_pgpass("# comment\ndb.internal:5432:app:app:Zq8rT2pLx9mZ\r\n*:*:*:replicator:Vb4nM8qWx2Lk\n"
                        "h\\:x:5432:db:u:Pw9xQ2mZk4\nbad:port:db:u:Zq8rT2pLx9mZ\nshort:1:2\nh:5432:d:u:changeme\n");
  ASSERT_EQ(pg.size(), 3u);
  EXPECT_EQ(pg[0].value, "Zq8rT2pLx9mZ");
  EXPECT_EQ(pg[1].value, "Vb4nM8qWx2Lk");
  EXPECT_EQ(pg[2].value, "Pw9xQ2mZk4");
  EXPECT_EQ(pg[0].rule, "pgpass-password");
  EXPECT_EQ(pg[0].redacted.find("Zq8rT2pLx9mZ"), std::string::npos);
  // Lines of that shape in other files are not read as passwords.
  EXPECT_TRUE(scan_text("db.internal:5432:app:app:Zq8rT2pLx9mZ\n").empty());
  EXPECT_TRUE(scan_text("at 10:22:33:44:5555 the job ran\n").empty());
  EXPECT_EQ(one(R"({"auths":{"https://index.docker.io/v1/":{"identitytoken":"eyJ0eXAiOiJKV1QiLCJhbGci0Q"}}})"),
            "eyJ0eXAiOiJKV1QiLCJhbGci0Q");
  // .git-credentials is one URL with credentials per line.
  EXPECT_EQ(one("https://octocat:Zq8rT2pLx9mZ@github.com\n"), "Zq8rT2pLx9mZ");
}

// The keyword-gated rows need the vendor's name before the value, as an
// assignment, and not a name that says id, digest or address.
TEST(Secrets, KeywordGatedRowsNeedTheirVendorName) {
  const std::string hex32 = "9f86d081884c7d659a2feaa0c55ad015";
  const std::string uuid = "3f2a9c1e-7b4d-4e8a-9c2f-1d5e6a7b8c9d";
  const std::vector<std::string> texts = {
           "SK" + hex32,                                   // a Twilio shape, no Twilio
           "sid: SK" + hex32,                               // no Twilio keyword
           "request_id=" + uuid,                            // UUIDs are everywhere
           "HEROKU_APP_ID=" + uuid,                         // the vendor, but an id
           "facebook-sdk-4.2.tar.gz.md5: " + hex32,         // the vendor, but a digest
           "TWILIO_ACCOUNT_SID=AC" + hex32,                 // an account id, not the token
           "md5sum: " + hex32,                              // no vendor at all
           "facebook: " + hex32 + "0a1b2c3d",               // 40 hex: a commit, not a 32-digit secret
           "twitter_handle: drydock_project_account_name1", // 29 chars, no secret shape
           "mailgun_domain: key-notreallyhex",
       };
  for (const std::string& text : texts) {
    auto found = scan_text(text);
    EXPECT_TRUE(found.empty()) << text << ": " << (found.empty() ? "" : found[0].rule);
  }
  // The value is what is redacted, not the name.
  auto m = scan_text("export HEROKU_API_KEY=\"" + uuid + "\"");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].rule, "heroku-api-key");
  EXPECT_EQ(m[0].value, uuid);
}

// Prefixes alone, or a prefix with too short a body, are not keys.
TEST(Secrets, NewTokenRowsNeedTheirWholeShape) {
  for (const char* text : {"hf_short", "sk-proj-abcdefghij", "dapi1234", "NRAK-SHORT", "pul-123", "LTAI123",
                           "glsa_abc", "dp.pt.short", "PMAK-123-456", "lin_api_short", "gldt-short",
                           "12345:AAshort", "shpat_nothex_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"})
    EXPECT_TRUE(scan_text(text).empty()) << text << ": " << (scan_text(text).empty() ? "" : scan_text(text)[0].rule);
}

TEST(Secrets, ValueOffsetsAndRedaction) {
  std::string text = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n";
  auto m = scan_text(text);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(text.substr(m[0].begin, m[0].end - m[0].begin), "AKIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(m[0].redacted, "AK****************LE");
}

TEST(Secrets, MaskRemembersOnlyCleanTexts) {
  const std::string secret = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE";
  const std::string clean = "Run apt-get update and apt-get install in the same RUN.";
  for (int round = 0; round < 3; ++round) {  // later rounds come from the cache of clean texts
    EXPECT_EQ(mask(clean), clean);
    EXPECT_EQ(mask(secret), "export AWS_ACCESS_KEY_ID=AK****************LE");
  }
  // More clean texts than the cache holds: it is cleared, and still right.
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(mask("line " + std::to_string(i)), "line " + std::to_string(i));
  EXPECT_EQ(mask(secret), "export AWS_ACCESS_KEY_ID=AK****************LE");
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
