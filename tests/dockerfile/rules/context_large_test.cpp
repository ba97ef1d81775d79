#include "rule_test.h"

namespace dd::test {

TEST(ContextLarge, NamesTheHeavyFolder) {
  TempDir d;
  d.write(".dockerignore", ".git\n");
  d.write("node_modules/big/blob.bin", std::string(11u << 20, 'x'));
  d.write("index.js", "1");
  auto f = only(lint_in(d, "FROM node:20\nCOPY . .\n"), "DD3003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_NE(f[0].message.find("node_modules/ (11.0 MiB)"), std::string::npos);
  EXPECT_NE(f[0].fix.find("node_modules"), std::string::npos);
}

TEST(ContextLarge, OnlyWhatTheSourcesRead) {
  TempDir d;
  d.write(".dockerignore", ".git\n");
  d.write("node_modules/big/blob.bin", std::string(11u << 20, 'x'));
  d.write("src/index.js", "1");
  // node_modules is in the context but no COPY reads it.
  EXPECT_EQ(count(lint_in(d, "FROM node:20\nCOPY src/ ./src/\n"), "DD3003"), 0);
  auto f = only(lint_in(d, "FROM node:20\nCOPY src/ ./src/\nCOPY node_modules ./node_modules\n"), "DD3003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
}

TEST(ContextLarge, SmallContextIsFine) {
  TempDir d;
  d.write("node_modules/a.js", "1");
  d.write("index.js", "1");
  EXPECT_EQ(count(lint_in(d, "FROM node:20\nCOPY . .\n"), "DD3003"), 0);
}

}  // namespace dd::test
