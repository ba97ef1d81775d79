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

// hugo's own image (its Dockerfile in the Debian source package) installs git
// because hugo runs it for Hugo Modules and .GitInfo: a runtime dependency,
// info. gcc beside it is still a leftover, and git for a server is too.
TEST(BuildToolsInFinal, GitRunByTheImagesProgramIsInfo) {
  auto f = only(lint("FROM golang:1.23-alpine AS build\nRUN go build -o /go/bin/hugo\nFROM alpine:3.16\n"
                     "COPY --from=build /go/bin/hugo /usr/bin/hugo\nRUN apk add --no-cache ca-certificates git\n"
                     "ENTRYPOINT [\"hugo\"]\nCMD [\"--help\"]\n"),
                "DD2020");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::info);
  EXPECT_NE(f[0].message.find("runtime dependency: hugo runs git"), std::string::npos) << f[0].message;
  auto both = only(lint("FROM alpine:3.16\nRUN apk add --no-cache git gcc\nENTRYPOINT [\"hugo\"]\n"), "DD2020");
  ASSERT_EQ(both.size(), 1u);
  EXPECT_EQ(both[0].severity, Severity::warning);
  EXPECT_EQ(both[0].message.rfind("gcc installed on line 2 stays", 0), 0u) << both[0].message;
  auto server = only(lint("FROM alpine:3.16\nRUN apk add --no-cache git\nCMD [\"/usr/local/bin/server\"]\n"), "DD2020");
  ASSERT_EQ(server.size(), 1u);
  EXPECT_EQ(server[0].severity, Severity::warning);
  // Built FROM Argo CD's image, whose repo server runs git: the image says so.
  auto argo = only(lint("FROM argoproj/argocd:v2.13.0\nUSER root\nRUN apt-get update && apt-get install -y git\nUSER 999\n"),
                   "DD2020");
  ASSERT_EQ(argo.size(), 1u);
  EXPECT_EQ(argo[0].severity, Severity::info);
}

// docker/cli's Dockerfile.binary-native (CMD ./scripts/build/binary), moby's
// hack/dind and influxdb's packaging images (influxdb_packages.bash) are
// build environments: their tools are their purpose.
TEST(BuildToolsInFinal, BuildScriptsMakeABuildEnvironment) {
  for (const char* start : {"CMD ./scripts/build/binary\n", "ENTRYPOINT [\"hack/dind\"]\n",
                            "ENTRYPOINT [\"influxdb_packages.bash\"]\n", "ENTRYPOINT [\"influxdb_tarball.bash\"]\n"}) {
    auto f = only(lint(std::string("FROM alpine:3.16\nRUN apk add --no-cache gcc make\n") + start), "DD2020");
    ASSERT_EQ(f.size(), 1u) << start;
    EXPECT_EQ(f[0].severity, Severity::info) << start;
  }
  // The program the build made is not a build script.
  for (const char* start : {"CMD [\"./build/app\"]\n", "CMD [\"/app/scripts/server\"]\n"}) {
    auto f = only(lint(std::string("FROM alpine:3.16\nRUN apk add --no-cache gcc make\n") + start), "DD2020");
    ASSERT_EQ(f.size(), 1u) << start;
    EXPECT_EQ(f[0].severity, Severity::warning) << start;
  }
}

}  // namespace dd::test
