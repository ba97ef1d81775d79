#include "rule_test.h"

namespace dd::test {

TEST(ContextMissingSource, MissingFileWithSuggestion) {
  TempDir d;
  d.write("package-lock.json", "{}");
  d.write("Package.json", "{}");
  auto f = only(lint_in(d, "FROM node:20\nCOPY package.json package-lock.json ./\n"), "DD3006");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_NE(f[0].message.find("package.json does not exist"), std::string::npos);
  EXPECT_NE(f[0].message.find("did you mean Package.json"), std::string::npos);
}

TEST(ContextMissingSource, ExcludedByDockerignoreNamesThePattern) {
  TempDir d;
  d.write(".dockerignore", "# build output\ndist\n");
  d.write("dist/app.js", "1");
  auto f = only(lint_in(d, "FROM node:20\nCOPY dist/app.js /app/\n"), "DD3006");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_NE(f[0].message.find("`dist` on line 2 of .dockerignore"), std::string::npos);
  EXPECT_NE(f[0].fix.find("!dist/app.js"), std::string::npos);
}

TEST(ContextMissingSource, WildcardsMayMatchNothing) {
  TempDir d;
  d.write("package.json", "{}");
  EXPECT_EQ(count(lint_in(d, "FROM node:20\nCOPY package.json yarn.lock* ./\n"), "DD3006"), 0);
}

TEST(ContextMissingSource, ParentPathIsOutsideTheContext) {
  TempDir d;
  d.write("a", "1");
  auto f = only(lint_in(d, "FROM alpine:3.20\nCOPY ../shared /shared\n"), "DD3006");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("outside the build context"), std::string::npos);
}

TEST(ContextMissingSource, ExistingSourcesVariablesAndStagesAreFine) {
  TempDir d;
  d.write("src/a.txt", "1");
  d.write("app/b.txt", "1");
  EXPECT_EQ(count(lint_in(d, "FROM alpine:3.20 AS s\nFROM alpine:3.20\nARG DIR=app\nCOPY src/ ./src\nCOPY ./src/a.txt /a\n"
                             "COPY /app/b.txt /b\nCOPY ${DIR}/b.txt /c\nCOPY ${UNKNOWN}/x /d\nCOPY --from=s /nope /e\n"
                             "ADD https://example.com/x.tgz /f\n"),
                  "DD3006"),
            0);
  auto f = only(lint_in(d, "FROM alpine:3.20\nARG DIR=nope\nCOPY ${DIR}/b.txt /c\n"), "DD3006");
  EXPECT_EQ(f.size(), 1u);
}

}  // namespace dd::test
