#include "rule_test.h"

namespace dd::test {

TEST(BuildToolsInFinal, CompilersInSingleStage) {
  auto f = only(lint("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc "
                     "libpq-dev && rm -rf /var/lib/apt/lists/*\nCMD [\"python\", \"app.py\"]\n"),
                "DD2020");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 66);
  EXPECT_EQ(f[0].message.rfind("gcc, libpq-dev installed on line 2 stay in the final image of this single-stage build", 0),
            0u)
      << f[0].message;
}

TEST(BuildToolsInFinal, AptMarkAutoPurgeRemovesBuildDeps) {
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nRUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get install -y "
                       "gcc make; make; apt-mark auto '.*' > /dev/null; apt-get purge -y --auto-remove\n"),
                  "DD2020"),
            0);
}

TEST(BuildToolsInFinal, RemovedInSameRunOrBuilderStageIsFine) {
  EXPECT_EQ(count(lint("FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && "
                       "apk del .build-deps\n"),
                  "DD2020"),
            0);
  EXPECT_EQ(count(lint("FROM golang:1.23 AS build\nRUN apt-get install -y make\nFROM alpine:3.20\nCOPY --from=build "
                       "/x /x\n"),
                  "DD2020"),
            0);
}

}  // namespace dd::test
