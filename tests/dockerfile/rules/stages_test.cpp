// The stage graph in one place (dockerfile/stages.h): the shipping chain and
// the SHELL in force, inherited through FROM <stage>.
#include "rule_test.h"

namespace dd::test {
namespace {

// Issue 17: a SHELL set in a parent stage is seen through FROM parent.
TEST(StageGraph, ShellIsInheritedThroughFromParent) {
  const std::string parent = "FROM debian:12 AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n";
  // BuildKit's JSONArgsRecommended: a deliberate SHELL makes the shell form intended.
  EXPECT_EQ(count(lint(parent + "FROM base\nCMD node server.js\n"), "DD1008"), 0);
  EXPECT_EQ(count(lint("FROM debian:12 AS base\nFROM base\nCMD node server.js\n"), "DD1008"), 1);
  // pipefail set by the inherited SHELL covers a pipe in the child stage.
  EXPECT_EQ(count(lint(parent + "FROM base\nRUN curl -fsSL https://x | tar -x\n"), "DD1128"), 0);
  EXPECT_EQ(count(lint("FROM debian:12 AS base\nFROM base\nRUN curl -fsSL https://x | tar -x\n"), "DD1128"), 1);
}

TEST(StageGraph, ShellOfAnotherStageDoesNotCount) {
  // A SHELL in an unrelated stage, or later in the same stage, is not in force.
  EXPECT_EQ(count(lint("FROM debian:12 AS other\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
                       "FROM debian:12\nRUN curl -fsSL https://x | tar -x\n"),
                  "DD1128"),
            1);
  EXPECT_EQ(count(lint("FROM debian:12\nRUN curl -fsSL https://x | tar -x\n"
                       "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"),
                  "DD1128"),
            1);
}

}  // namespace
}  // namespace dd::test
