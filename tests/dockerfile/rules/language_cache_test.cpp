#include "lint/fix.h"
#include "rule_test.h"

namespace dd::test {

TEST(LanguageCache, PipWithoutNoCacheDir) {
  std::string df = "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n";
  auto res = lint::lint_text(df, "Dockerfile", nullptr, {});
  auto f = only(res.findings, "DD2024");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_EQ(lint::apply_edits(df, res.edits),
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n");
}

TEST(LanguageCache, PipCacheDisabledByEnv) {
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n"), "DD2024"), 0);
}

TEST(LanguageCache, NpmDevDependencies) {
  auto f = only(lint("FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci\nCMD [\"node\", \"s.js\"]\n"), "DD2024");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].fix, "RUN npm ci --omit=dev");
  EXPECT_EQ(count(lint("FROM node:20-slim\nRUN npm ci --omit=dev\n"), "DD2024"), 0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nRUN npm install -g @angular/cli@13\n"), "DD2024"), 0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV NODE_ENV=production\nRUN npm ci\n"), "DD2024"), 0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nRUN npm ci && npm run build && npm prune --omit=dev\n"), "DD2024"), 0);
}

}  // namespace dd::test
