#include "rule_test.h"

namespace dd::test {

TEST(ContextNoDockerignore, ListsWhatToIgnoreFromTheContext) {
  TempDir d;
  d.write("package.json", "{}");
  d.write("node_modules/x/index.js", std::string(2048, 'x'));
  d.write(".git/HEAD", "ref: refs/heads/main\n");
  d.write("logs/app.log", "line\n");
  d.write("src/index.js", "1");
  auto f = only(lint_in(d, "FROM node:20\nWORKDIR /app\nCOPY package.json ./\nCOPY . .\n"), "DD3002");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 4);  // the COPY that sends the whole context
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(f[0].category, Category::slow_build);
  ASSERT_EQ(f[0].tags.size(), 1u);
  EXPECT_EQ(f[0].tags[0], "dockerignore");
  EXPECT_NE(f[0].message.find("node_modules (2.0 KiB)"), std::string::npos);
  EXPECT_NE(f[0].fix.find("**/node_modules\n"), std::string::npos);
  EXPECT_NE(f[0].fix.find(".git\n"), std::string::npos);
  EXPECT_NE(f[0].fix.find("**/*.log\n"), std::string::npos);
  EXPECT_EQ(f[0].fix.find("__pycache__"), std::string::npos);  // not in this context
}

TEST(ContextNoDockerignore, SilentWithDockerignoreOrWithoutContextCopies) {
  TempDir d;
  d.write(".dockerignore", ".git\n");
  d.write("a", "1");
  EXPECT_EQ(count(lint_in(d, "FROM alpine:3.20\nCOPY . .\n"), "DD3002"), 0);
  TempDir e;
  e.write("a", "1");
  EXPECT_EQ(count(lint_in(e, "FROM alpine:3.20\nRUN echo hi\n"), "DD3002"), 0);
  EXPECT_EQ(count(lint_in(e, "FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a /x /x\n"), "DD3002"), 0);
}

TEST(ContextNoDockerignore, DockerfileSpecificIgnoreCounts) {
  TempDir d;
  d.write("Dockerfile.dockerignore", ".git\n");
  d.write("a", "1");
  EXPECT_EQ(count(lint_in(d, "FROM alpine:3.20\nCOPY a /a\n"), "DD3002"), 0);
}

// In proportion to what the context holds (issue 13): a few small files are
// info; junk, secrets or a large context are a warning.
TEST(ContextNoDockerignore, SeverityFollowsWhatTheContextHolds) {
  TempDir small;
  small.write("app.py", "print('hi')\n");
  small.write("requirements.txt", "flask==3.0.3\n");
  auto f = only(lint_in(small, "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n"), "DD3002");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::info) << f[0].message;
  EXPECT_NE(f[0].message.find("the context is small"), std::string::npos) << f[0].message;

  TempDir git;
  git.write("app.py", "print('hi')\n");
  git.write(".git/HEAD", "ref: refs/heads/main\n");
  auto g = only(lint_in(git, "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"), "DD3002");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].severity, Severity::warning);

  TempDir secret;
  secret.write("app.py", "print('hi')\n");
  secret.write(".env", "DB_PASSWORD=x\n");
  auto s = only(lint_in(secret, "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"), "DD3002");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].severity, Severity::warning);

  TempDir large;
  large.write("app.py", "print('hi')\n");
  large.write("data/model.bin", std::string(11u << 20, 'x'));
  auto l = only(lint_in(large, "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"), "DD3002");
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].severity, Severity::warning);
}

// A junk-named folder that a COPY takes by name is what the build needs:
// the fix must not tell to ignore it.
TEST(ContextNoDockerignore, FolderTheBuildCopiesIsNotJunk) {
  TempDir d;
  d.write("target/app.jar", "jar");
  d.write("pom.xml", "<project/>");
  auto f = only(lint_in(d, "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\n"), "DD3002");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].fix.find("target"), std::string::npos) << f[0].fix;
  EXPECT_EQ(f[0].severity, Severity::info);
}

}  // namespace dd::test
