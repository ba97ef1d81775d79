#include "rule_test.h"

namespace dd::test {

TEST(OneShotCommand, EchoInAServiceImage) {
  auto f = only(lint("FROM node:20-slim\nCOPY . .\nEXPOSE 3000\nCMD echo started\n"), "DD2011");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 4);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_EQ(f[0].message,
            "CMD echo started on line 4 finishes at once, but the image EXPOSEs 3000 on line 3: the container exits "
            "with code 0 and restarts in a loop");
}

TEST(OneShotCommand, BuildStepsAndBareShell) {
  for (const char* cmd : {"CMD [\"npm\", \"run\", \"build\"]", "CMD python setup.py install", "CMD [\"bash\"]",
                          "CMD [\"true\"]", "CMD ls -la"})
    EXPECT_EQ(count(lint(std::string("FROM node:20-slim\nEXPOSE 8080\n") + cmd + "\n"), "DD2011"), 1) << cmd;
}

TEST(OneShotCommand, SilentForServersAndTools) {
  EXPECT_EQ(count(lint("FROM node:20-slim\nEXPOSE 8080\nCMD [\"npm\", \"start\"]\n"), "DD2011"), 0);
  // No EXPOSE: a CLI image may run a shell.
  EXPECT_EQ(count(lint("FROM alpine:3.20\nCMD [\"sh\"]\n"), "DD2011"), 0);
  // CMD as ENTRYPOINT arguments.
  EXPECT_EQ(count(lint("FROM alpine:3.20\nEXPOSE 80\nENTRYPOINT [\"/app\"]\nCMD [\"echo\"]\n"), "DD2011"), 0);
}

}  // namespace dd::test
