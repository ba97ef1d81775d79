#include "rule_test.h"

namespace dd::test {

TEST(ContextGitDir, FlagsGitSentByCopyDot) {
  TempDir d;
  d.write(".dockerignore", "node_modules\n");
  d.write(".git/HEAD", "ref: refs/heads/main\n");
  d.write(".git/objects/ab/cdef", std::string(3000, 'o'));
  d.write("app.py", "print(1)\n");
  auto f = only(lint_in(d, "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"), "DD3005");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(f[0].category, Category::slow_build);
  EXPECT_NE(f[0].message.find("2 files"), std::string::npos);
  EXPECT_NE(f[0].message.find(".dockerignore does not exclude it"), std::string::npos);
  EXPECT_NE(f[0].fix.find(".git"), std::string::npos);
}

TEST(ContextGitDir, SilentWhenIgnoredOrNotCopied) {
  TempDir d;
  d.write(".dockerignore", ".git\n");
  d.write(".git/HEAD", "x");
  d.write("app.py", "1");
  EXPECT_EQ(count(lint_in(d, "FROM python:3.12-slim\nCOPY . .\n"), "DD3005"), 0);
  TempDir e;
  e.write(".git/HEAD", "x");
  e.write("app.py", "1");
  EXPECT_EQ(count(lint_in(e, "FROM python:3.12-slim\nCOPY app.py .\n"), "DD3005"), 0);
}

}  // namespace dd::test
