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

}  // namespace dd::test
