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

// The USER the image runs as is the stage graph's (StageGraph::user): the
// last USER of the final stage's FROM chain, never one of a stage that only
// builds (DD2050 runs-as-root, DD1161 user-not-numeric).
TEST(StageGraph, UserOfTheImageIsTheFinalChains) {
  const std::string base = "FROM debian:12 AS base\nRUN useradd --system app\nUSER app\n";
  // Inherited through FROM base: not root, and DD1161 sees the name.
  auto inherited = lint(base + "FROM base\nCMD [\"node\", \"server.js\"]\n");
  EXPECT_EQ(count(inherited, "DD2050"), 0);
  EXPECT_EQ(count(inherited, "DD1161"), 1);
  // A USER of a builder stage the image is not built FROM does not count.
  auto builder = lint(base + "FROM debian:12\nCMD [\"node\", \"server.js\"]\n");
  EXPECT_EQ(count(builder, "DD2050"), 1);
  EXPECT_EQ(count(builder, "DD1161"), 0);
  // The last USER of the chain wins: root set again in the child.
  auto back_to_root = lint(base + "FROM base\nUSER root\nCMD [\"node\", \"server.js\"]\n");
  EXPECT_EQ(count(back_to_root, "DD2050"), 1);
}

}  // namespace
}  // namespace dd::test
