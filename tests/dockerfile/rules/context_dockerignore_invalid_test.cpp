#include "rule_test.h"

namespace dd::test {

TEST(ContextDockerignoreInvalid, ReportsEachBadLineInTheIgnoreFile) {
  TempDir d;
  d.write(".dockerignore", "node_modules\nlogs/[2024\n!\n*.log\n");
  d.write("a", "1");
  auto f = only(lint_in(d, "FROM alpine:3.20\nCOPY a /a\n"), "DD3007");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_NE(f[0].location.file.find(".dockerignore"), std::string::npos);
  EXPECT_NE(f[0].message.find("syntax error"), std::string::npos);
  EXPECT_EQ(f[1].location.line, 3);
  EXPECT_NE(f[1].message.find("illegal exclusion"), std::string::npos);
}

TEST(ContextDockerignoreInvalid, ValidFileIsSilent) {
  TempDir d;
  d.write(".dockerignore", "node_modules\n\\[literal\n**/*.log\n");
  EXPECT_EQ(count(lint_in(d, "FROM alpine:3.20\n"), "DD3007"), 0);
}

}  // namespace dd::test
