#include "rule_test.h"

namespace dd::test {

TEST(FullOsBase, NamesTheSlimVariant) {
  auto f = only(lint("FROM node:18\nCMD [\"node\", \"a.js\"]\n"), "DD2021");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_NE(f[0].message.find("node:18-slim"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].message.find("node:18-alpine"), std::string::npos);
  EXPECT_EQ(f[0].fix, "FROM node:18-slim");
}

TEST(FullOsBase, ToolchainAsFinalImage) {
  auto f = only(lint("FROM golang:1.23-alpine\nCOPY . .\nRUN go build -o /app\nCMD [\"/app\"]\n"), "DD2021");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("distroless/static"), std::string::npos) << f[0].message;
  // golang:*-alpine is a toolchain too: never "golang:1.23-alpine-alpine" or
  // another golang image as the place for the result.
  EXPECT_EQ(f[0].message.find("alpine-alpine"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].message.find("into golang:"), std::string::npos) << f[0].message;
  auto g = only(lint("FROM golang:1.19.7-alpine3.16\nRUN go build -o /app\nCMD [\"/app\"]\n"), "DD2021");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].message.find("alpine3.16-alpine"), std::string::npos) << g[0].message;
}

TEST(FullOsBase, SmallVariantsAndBuilderStagesAreFine) {
  EXPECT_EQ(count(lint("FROM python:3.12-slim\n"), "DD2021"), 0);
  EXPECT_EQ(count(lint("FROM node:20-alpine\n"), "DD2021"), 0);
  EXPECT_EQ(count(lint("FROM golang:1.23 AS b\nFROM gcr.io/distroless/static-debian12\n"), "DD2021"), 0);
}

}  // namespace dd::test

namespace dd::test {

// moby's Dockerfile.dev: a toolchain image that starts a shell or nothing is
// a development or CI image, worth knowing (info), not a warning.
TEST(FullOsBase, ToolchainDevImageIsInfo) {
  auto f = only(lint("FROM golang:1.23-bookworm\nRUN apt-get update && apt-get install -y git\nCMD bash\n"), "DD2021");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::info);
  EXPECT_NE(f[0].message.find("may be a development or CI image"), std::string::npos) << f[0].message;
  auto g = only(lint("FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\nCMD [\"/app\"]\n"), "DD2021");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].severity, Severity::warning);
}

// The extra corpus's 7 DD2021 warnings were all CI images on golang: docker/cli's
// Dockerfile.e2e and lint target (golangci-lint), ./scripts/build/binary, moby's
// hack/dind, influxdb's releng scripts. They read as DD2020 reads them: info.
TEST(FullOsBase, ToolchainBuildScriptsAndCiTargetsAreInfo) {
  for (const char* start : {"CMD ./scripts/build/binary\n", "CMD ./scripts/test/e2e/entry\n",
                            "ENTRYPOINT [\"hack/dind\"]\n", "ENTRYPOINT [\"influxdb_raw_binaries.bash\"]\n",
                            "ENTRYPOINT [\"/usr/local/bin/golangci-lint\"]\nCMD [\"run\"]\n"}) {
    auto f = only(lint(std::string("FROM golang:1.19.7-alpine\nWORKDIR /src\nCOPY . .\n") + start), "DD2021");
    ASSERT_EQ(f.size(), 1u) << start;
    EXPECT_EQ(f[0].severity, Severity::info) << start;
  }
  auto lint_target = only(lint("FROM golang:1.19.7-alpine AS build\nFROM golang:1.19.7-alpine AS lint\nCMD [\"/app\"]\n"),
                          "DD2021");
  ASSERT_EQ(lint_target.size(), 1u);
  EXPECT_EQ(lint_target[0].severity, Severity::info);
  EXPECT_NE(lint_target[0].message.find("development image (stage lint)"), std::string::npos) << lint_target[0].message;
  auto app = only(lint("FROM golang:1.23\nCOPY . .\nRUN go build -o build/app\nCMD [\"./build/app\"]\n"), "DD2021");
  ASSERT_EQ(app.size(), 1u);
  EXPECT_EQ(app[0].severity, Severity::warning);
}

}  // namespace dd::test

