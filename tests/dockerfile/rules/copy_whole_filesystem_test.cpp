#include "rule_test.h"

namespace dd::test {

// COPY --from=<stage of this file on an OS image> / / overwrites the stage's
// filesystem; the fix is pasteable (its remark a comment line, as the fix-text
// test on the extra corpus requires: docker/cli's Dockerfile).
TEST(CopyWholeFilesystem, WholeStageCopyIsReportedWithAPasteableFix) {
  auto f = only(lint("FROM debian:bookworm-slim AS build\nRUN echo x > /x\nFROM debian:bookworm-slim\nCOPY --from=build / /\n"),
                "DD1162");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 4);
  EXPECT_EQ(f[0].fix, "# only what the stage needs\nCOPY --from=build /app/dist /app/dist");
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim AS build\nFROM scratch\nCOPY --from=build / /\n"), "DD1162"), 0);
}

}  // namespace dd::test
