#include "rule_test.h"

namespace dd::test {

TEST(ContextWholeCopyRuntime, GoMultiStageCopiesSourcesIntoRuntime) {
  TempDir d;
  d.write("go.mod", "module x\n");
  d.write("main.go", "package main\n");
  d.write(".dockerignore", ".git\n");
  auto f = only(lint_in(d,
                        "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n"
                        "FROM alpine:3.20 AS runtime\nCOPY --from=build /out/app /usr/local/bin/app\nCOPY . /app\n"
                        "ENTRYPOINT [\"app\"]\n"),
                "DD3004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 7);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(f[0].category, Category::image_bloat);
  EXPECT_NE(f[0].message.find("final stage 'runtime'"), std::string::npos);
  EXPECT_NE(f[0].message.find("Go build"), std::string::npos);
  EXPECT_NE(f[0].fix.find("COPY --from=build"), std::string::npos);
}

TEST(ContextWholeCopyRuntime, SingleStageThatCompilesAndRunsABinary) {
  TempDir d;
  d.write("Cargo.toml", "[package]\nname='x'\n");
  d.write("src/main.rs", "fn main(){}\n");
  auto f = only(lint_in(d, "FROM rust:1.79\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n"
                           "CMD [\"/src/target/release/x\"]\n"),
                "DD3004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].fix.find("AS build"), std::string::npos);
}

TEST(ContextWholeCopyRuntime, InterpretedAppsAndBuildStagesAreFine) {
  TempDir d;
  d.write("package.json", "{}");
  EXPECT_EQ(count(lint_in(d, "FROM node:20 AS deps\nRUN true\nFROM node:20\nCOPY . .\nCMD [\"node\",\"i.js\"]\n"),
                  "DD3004"),
            0);
  TempDir g;
  g.write("go.mod", "module x\n");
  EXPECT_EQ(count(lint_in(g, "FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /app\nFROM scratch\n"
                             "COPY --from=build /app /app\n"),
                  "DD3004"),
            0);
  // Single stage that runs the toolchain itself (go run): a dev image, not this rule.
  EXPECT_EQ(count(lint_in(g, "FROM golang:1.22\nCOPY . .\nRUN go build ./...\nCMD [\"go\",\"run\",\".\"]\n"), "DD3004"), 0);
}

}  // namespace dd::test
