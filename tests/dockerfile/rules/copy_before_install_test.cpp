#include "lint/fix.h"
#include "rule_test.h"

namespace dd::test {

TEST(CopyBeforeInstall, NpmCiAfterCopyAll) {
  std::string df =
      "FROM node:20-slim\n"
      "WORKDIR /app\n"
      "COPY . .\n"
      "RUN npm ci\n"
      "CMD [\"node\", \"server.js\"]\n";
  auto f = only(lint(df), "DD2001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_EQ(f[0].message, "COPY . . on line 3 invalidates the cache of RUN npm ci on line 4 whenever any file changes");
  EXPECT_EQ(f[0].fix, "COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .");
  EXPECT_EQ(f[0].category, Category::slow_build);
  EXPECT_EQ(f[0].evidence, "COPY . .");
  EXPECT_FALSE(f[0].root_cause.empty());
}

TEST(CopyBeforeInstall, FixMovesTheInstallBeforeTheCopy) {
  std::string df = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n";
  auto res = lint::lint_text(df, "Dockerfile", nullptr, {});
  auto fixed = lint::apply_edits(df, res.edits);
  EXPECT_EQ(fixed,
            "FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n"
            "CMD [\"node\", \"server.js\"]\n");
}

TEST(CopyBeforeInstall, SilentWhenManifestsComeFirst) {
  EXPECT_EQ(count(lint("FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n"), "DD2001"),
            0);
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"),
                  "DD2001"),
            0);
}

TEST(CopyBeforeInstall, EveryEcosystem) {
  struct Case {
    const char* run;
    const char* fix_part;
  } cases[] = {
      {"RUN yarn install --frozen-lockfile", "yarn.lock"},
      {"RUN pnpm install", "pnpm-lock.yaml"},
      {"RUN pip install --no-cache-dir -r requirements.txt", "COPY requirements.txt ./"},
      {"RUN poetry install", "poetry.lock"},
      {"RUN pipenv install --deploy", "Pipfile.lock"},
      {"RUN go build -o /app ./cmd/server", "go mod download"},
      {"RUN mvn -B package", "dependency:go-offline"},
      {"RUN ./gradlew build", "build.gradle"},
      {"RUN cargo build --release", "cargo fetch"},
      {"RUN bundle install", "Gemfile.lock"},
      {"RUN composer install --no-dev", "composer.lock"},
  };
  for (const auto& c : cases) {
    auto f = only(lint(std::string("FROM base:1\nWORKDIR /src\nCOPY . .\n") + c.run + "\n"), "DD2001");
    ASSERT_EQ(f.size(), 1u) << c.run;
    EXPECT_EQ(f[0].location.line, 3) << c.run;
    EXPECT_NE(f[0].fix.find(c.fix_part), std::string::npos) << f[0].fix;
  }
}

TEST(CopyBeforeInstall, GoBuildGetsPrefetchInserted) {
  std::string df = "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n";
  auto res = lint::lint_text(df, "Dockerfile", nullptr, {});
  EXPECT_EQ(lint::apply_edits(df, res.edits),
            "FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o "
            "/out/app .\n");
}

TEST(CopyBeforeInstall, UsesLockfilesPresentInTheContext) {
  TempDir dir;
  dir.write("package.json", "{}");
  dir.write("yarn.lock", "");
  auto f = only(lint_in(dir, "FROM node:20-slim\nCOPY . .\nRUN yarn install\n"), "DD2001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].fix.find("COPY package.json yarn.lock ./"), std::string::npos) << f[0].fix;
}

TEST(CopyBeforeInstall, InstallOfAnotherStageIsNotAffected) {
  EXPECT_EQ(count(lint("FROM node:20 AS deps\nCOPY package.json package-lock.json ./\nRUN npm ci\n"
                       "FROM node:20-slim\nCOPY --from=deps /node_modules ./node_modules\nCOPY . .\n"),
                  "DD2001"),
            0);
}

}  // namespace dd::test
