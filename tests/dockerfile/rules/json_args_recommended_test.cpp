#include "rule_test.h"

namespace dd::test {

TEST(JsonArgsRecommended, FlagsShellFormCmd) {
  auto f = only(lint("FROM node:20\nCMD node server.js\n"), "DD1008");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("node"), std::string::npos) << f[0].message;
}

TEST(JsonArgsRecommended, ExecFormIsClean) { EXPECT_EQ(count(lint("FROM node:20\nCMD [\"node\", \"server.js\"]\n"), "DD1008"), 0); }

TEST(JsonArgsRecommended, ExplicitShellIsClean) { EXPECT_EQ(count(lint("FROM node:20\nSHELL [\"/bin/bash\", \"-c\"]\nCMD node server.js\n"), "DD1008"), 0); }

TEST(JsonArgsRecommended, ProposesExecFormWhenSafe) {
  auto r = lint::lint_text("FROM node:20\nENTRYPOINT node 'server main.js'\n", "Dockerfile", nullptr, Config{});
  bool found = false;
  for (const auto& e : r.edits) found = found || e.text == "[\"node\", \"server main.js\"]";
  EXPECT_TRUE(found);
}

TEST(JsonArgsRecommended, NoEditWhenShellIsNeeded) {
  auto r = lint::lint_text("FROM node:20\nCMD node server.js > /var/log/app.log 2>&1\n", "Dockerfile", nullptr, Config{});
  EXPECT_EQ(count(r.findings, "DD1008"), 1);
  for (const auto& e : r.edits) EXPECT_EQ(e.text.find("[\"node\""), std::string::npos);
}

}  // namespace dd::test
