#include "knowledge/credentials.h"

#include <gtest/gtest.h>

#include <string>

namespace dd::kb {
namespace {

// A file name each row's pattern matches: "*" becomes "prod" ("" at the end).
std::string sample(const SecretFile& f) {
  std::string n;
  std::string_view p = f.name;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '*') n += i + 1 == p.size() ? "" : "prod";
    else n += p[i];
  }
  return f.in_dir.empty() ? n : std::string(f.in_dir) + "/" + n;
}

TEST(Credentials, EveryFileRowMatchesItsNameAndNotItsTemplate) {
  for (const auto& f : secret_files()) {
    std::string s = sample(f);
    SCOPED_TRACE(s);
    const SecretFile* row = secret_file(s);
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(row, &f) << "an earlier row shadows this one";
    EXPECT_EQ(secret_file("app/sub/" + s), &f) << "in any folder";
    EXPECT_FALSE(f.what.empty());
    for (const char* suffix : {".example", ".sample", ".template", ".dist", ".tmpl", ".pub"})
      EXPECT_EQ(secret_file(s + suffix), nullptr) << suffix;
    if (!f.in_dir.empty()) {
      // Outside its folder the name means something else (or nothing).
      const SecretFile* other = secret_file("somewhere/" + std::string(f.name));
      EXPECT_NE(other, &f);
    }
    bool by_name = is_secret_file_name(s);
    if (f.check == SecretCheck::key_material) EXPECT_EQ(by_name, std::string(f.name) == "*.key") << s;
    else EXPECT_EQ(by_name, f.by_name) << s;
  }
}

TEST(Credentials, FileNamesFromTheBrief) {
  for (const char* p : {".env", "config/.env.production", "id_rsa", "/root/.ssh/id_ed25519", "server-key.pem",
                        "private.pem", "tls.key", ".netrc", ".npmrc", "credentials.json", ".aws/credentials",
                        "home/.docker/config.json", ".pgpass", ".git-credentials", "prod.tfstate", ".kube/config",
                        "ID_RSA", "keystore.jks", "secrets.yaml"})
    EXPECT_TRUE(is_secret_file_name(p)) << p;
  for (const char* p : {".env.example", "id_rsa.pub", "cert.pem", "ca.pem", "config.json", "config", "secrets.py",
                        "src/secrets.cpp", "README.md", "package.json", ".yarnrc.yml", ".git/config", ".", "", "app/",
                        "public.key", "aws/credentials", "credentials"})
    EXPECT_FALSE(is_secret_file_name(p)) << p;
}

TEST(Credentials, ContentsConfirmTheRowsThatNeedThem) {
  const SecretFile* npmrc = secret_file(".npmrc");
  ASSERT_TRUE(npmrc);
  EXPECT_TRUE(secret_contents_confirm(*npmrc, "//registry.npmjs.org/:_authToken=npm_abc\n"));
  EXPECT_FALSE(secret_contents_confirm(*npmrc, "registry=https://registry.npmjs.org/\n"));
  const SecretFile* pem = secret_file("server.pem");
  ASSERT_TRUE(pem);
  EXPECT_TRUE(secret_contents_confirm(*pem, "-----BEGIN RSA PRIVATE KEY-----\n"));
  EXPECT_FALSE(secret_contents_confirm(*pem, "-----BEGIN CERTIFICATE-----\n"));
  const SecretFile* git = secret_file(".git/config");
  ASSERT_TRUE(git);
  EXPECT_TRUE(secret_contents_confirm(*git, "[remote \"origin\"]\n\turl = https://bot:ghp_x@github.com/acme/app\n"));
  EXPECT_FALSE(secret_contents_confirm(*git, "[remote \"origin\"]\n\turl = git@github.com:acme/app.git\n"));
  EXPECT_TRUE(secret_contents_confirm(*secret_file(".env"), ""));
}

TEST(Credentials, VariableNames) {
  for (const char* n : {"AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "NPM_TOKEN", "DB_PASSWORD", "POSTGRES_PASSWORD",
                        "MYSQL_ROOT_PASSWORD", "API_KEY", "apiKey", "STRIPE_SECRET", "CLIENT_SECRET", "PRIVATE_KEY",
                        "NPM_CONFIG__AUTH", "JWT_SECRET", "SECRET_KEY_BASE", "passphrase", "db.password", "redis-pass",
                        "SESSION_KEY", "ACCESS_TOKEN", "SLACKBOTTOKEN"})
    EXPECT_TRUE(is_secret_name(n)) << n;
  for (const char* n : {"DB_PASSWORD_FILE", "TOKEN_URL", "SECRET_NAME", "PWD", "PATH", "HOME", "KEYCLOAK_URL",
                        "PASSWORD_MIN_LENGTH", "TOKEN_TTL", "NODE_ENV", "AWS_REGION", "KEY", "SECRET_PATH", "",
                        "MONKEY", "PASSWORD_POLICY"})
    EXPECT_FALSE(is_secret_name(n)) << n;
}

}  // namespace
}  // namespace dd::kb
