// Every drydock rule carrying a BuildKit check name, on the "bad" and "good"
// examples of that check's page (docs.docker.com/reference/build-checks/),
// written here from the documented behaviour; and the lines BuildKit reports.
#include <set>

#include "dockerfile/parser.h"
#include "dockerfile/pragma.h"
#include "dockerfile/rules/rule_test.h"

namespace dd::test {
namespace {

using dockerfile::BuildArgs;

std::vector<Finding> lint_args(const std::string& text, const BuildArgs& args) {
  return lint::lint_text(text, "Dockerfile", nullptr, {}, args).findings;
}

std::string rule_of(const std::string& check) {
  return Registry::instance().resolve(check);
}

struct Example {
  const char* check;
  std::string bad;  // reported once
  std::vector<std::string> good;  // not reported
};

// Experimental checks are enabled the way their page does it.
const std::string kExp = "# check=experimental=all\n\n";

const std::vector<Example>& examples() {
  static const std::vector<Example> v = {
      {"StageNameCasing", "FROM alpine AS BuilderBase\n", {"FROM alpine AS builder-base\n"}},
      {"FromAsCasing", "FROM debian:latest as builder\n",
       {"FROM debian:latest AS deb-builder\n", "from debian:latest as deb-builder\n"}},
      {"NoEmptyContinuation", "FROM alpine\nEXPOSE \\\n\n80\n", {"FROM alpine\nEXPOSE \\\n# Port\n80\n"}},
      {"ConsistentInstructionCasing",
       "FROM alpine\nRUN echo hello > /greeting.txt\nEntrYpOiNT [\"cat\", \"/greeting.txt\"]\n",
       {"FROM alpine\nRUN echo hello > /greeting.txt\nENTRYPOINT [\"cat\", \"/greeting.txt\"]\n",
        "from alpine\nrun echo hello > /greeting.txt\nentrypoint [\"cat\", \"/greeting.txt\"]\n"}},
      {"DuplicateStageName",
       "FROM debian:latest AS builder\nRUN apt-get update; apt-get install -y curl\n\nFROM golang:latest AS builder\n",
       {"FROM debian:latest AS deb-builder\nRUN apt-get update; apt-get install -y curl\n\nFROM golang:latest AS "
        "go-builder\n"}},
      {"ReservedStageName", "FROM alpine AS scratch\nFROM alpine AS context\n", {"FROM alpine AS builder\n"}},
      {"JSONArgsRecommended", "FROM alpine\nENTRYPOINT my-program start\n",
       {"FROM alpine\nENTRYPOINT [\"my-program\", \"start\"]\n",
        // An explicit SHELL says the shell form is meant.
        "FROM alpine\nRUN apk add bash\nSHELL [\"/bin/bash\", \"-c\"]\nENTRYPOINT echo \"Hello, world!\"\n"}},
      {"MaintainerDeprecated", "FROM alpine\nMAINTAINER moby@example.com\n",
       {"FROM alpine\nLABEL org.opencontainers.image.authors=\"moby@example.com\"\n"}},
      {"UndefinedArgInFrom", "FROM node:22${VARIANT} AS jsbuilder\n",
       {"ARG VARIANT=\"-alpine3.20\"\nFROM node:22${VARIANT} AS jsbuilder\n"}},
      {"WorkdirRelativePath", "FROM alpine\nWORKDIR app/\n", {"FROM alpine\nWORKDIR /app/\n"}},
      // The page's examples start FROM alpine; without the image config
      // (--local-images) drydock cannot tell that alpine sets no $foo and
      // stays quiet (documented difference), so the base here is scratch,
      // whose environment is known to be empty.
      {"UndefinedVar", "FROM scratch AS base\nCOPY $foo .\n",
       {"FROM scratch AS base\nARG foo\nCOPY $foo .\n", "FROM scratch AS base\nARG VERSION=1\nCOPY $VERSION .\n"}},
      {"MultipleInstructionsDisallowed",
       "FROM alpine\nENTRYPOINT [\"echo\", \"Hello, Norway!\"]\nENTRYPOINT [\"echo\", \"Hello, Sweden!\"]\n",
       {"FROM alpine\nENTRYPOINT [\"echo\", \"Hello, Norway!\\nHello, Sweden!\"]\n"}},
      {"LegacyKeyValueFormat", "FROM alpine\nENV DEPS curl git make\n", {"FROM alpine\nENV DEPS=\"curl git make\"\n"}},
      {"RedundantTargetPlatform", "FROM --platform=$TARGETPLATFORM alpine AS builder\n",
       {"FROM alpine AS builder\n", "FROM --platform=$BUILDPLATFORM golang AS builder\n"}},
      {"SecretsUsedInArgOrEnv", "FROM scratch\nARG AWS_SECRET_ACCESS_KEY\n",
       {"FROM alpine\nRUN --mount=type=secret,id=aws_secret_access_key,env=AWS_SECRET_ACCESS_KEY aws s3 ls\n"}},
      {"InvalidDefaultArgInFrom", "ARG TAG\nFROM busybox:${TAG}\n",
       {"ARG TAG=latest\nFROM busybox:${TAG}\n", "ARG TAG\nFROM busybox:${TAG:-latest}\n",
        "ARG VARIANT\nFROM busybox:stable${VARIANT}\n"}},
      {"FromPlatformFlagConstDisallowed", "FROM --platform=linux/amd64 alpine AS base\nRUN apk add --no-cache git\n",
       {"FROM alpine AS base\nRUN apk add --no-cache git\n",
        // The stage's name says the platform is meant.
        "FROM --platform=linux/amd64 alpine AS build_amd64\n"}},
      {"ExposeProtoCasing", "FROM alpine\nEXPOSE 80/TcP\n", {"FROM alpine\nEXPOSE 80/tcp\n"}},
      {"ExposeInvalidFormat", "FROM alpine\nEXPOSE 0.0.0.0:80:80/tcp\n", {"FROM alpine\nEXPOSE 80/tcp\n"}},
      {"InvalidDefinitionDescription",
       kExp + "# a non-descriptive comment\nFROM scratch AS base\n",
       {kExp + "# a non-descriptive comment\n\nFROM scratch AS base\n\n# another non-descriptive comment\n\nARG VERSION=1\n",
        kExp + "# base is a stage for compiling source\nFROM scratch AS base\n# VERSION This is the version number.\nARG "
               "VERSION=1\n"}},
  };
  return v;
}

TEST(BuildkitParity, DocumentedExamples) {
  std::set<std::string> covered;
  for (const auto& e : examples()) {
    const std::string rule = rule_of(e.check);
    ASSERT_FALSE(rule.empty()) << e.check;
    covered.insert(e.check);
    auto bad = only(lint(e.bad), rule);
    EXPECT_GE(bad.size(), 1u) << e.check << " (" << rule << ") misses its documented bad example:\n" << e.bad;
    for (const auto& g : e.good)
      EXPECT_EQ(count(lint(g), rule), 0) << e.check << " (" << rule << ") reports its documented good example:\n" << g;
  }
  // Every BuildKit check drydock carries has its page's examples here,
  // except those that need more than a Dockerfile (tested with a context or
  // an engine below and in base_image_platform_test).
  for (const auto& c : dockerfile::buildkit_checks()) {
    std::string n(c.name);
    if (n == "CopyIgnoredFile" || n == "InvalidBaseImagePlatform") continue;
    EXPECT_TRUE(covered.count(n)) << n << " has no documented-example test";
  }
}

TEST(BuildkitParity, UndefinedVarInAnArgDefault) {
  EXPECT_EQ(count(lint("FROM scratch AS base\nARG VERSION=$foo\n"), rule_of("UndefinedVar")), 1);
  // From the base image's environment: unknown without --local-images.
  EXPECT_EQ(count(lint("FROM python AS base\nRUN echo $PYTHON_VERSION\nENV V=$PYTHON_VERSION\n"), rule_of("UndefinedVar")), 0);
}

TEST(BuildkitParity, JsonArgsSeesTheShellOfTheParentStage) {
  // BuildKit keeps the parent's SHELL through FROM <stage>.
  const std::string rule = rule_of("JSONArgsRecommended");
  EXPECT_EQ(count(lint("FROM alpine AS base\nSHELL [\"/bin/ash\", \"-c\"]\nFROM base\nCMD echo hi\n"), rule), 0);
  EXPECT_EQ(count(lint("FROM alpine AS base\nSHELL [\"/bin/ash\", \"-c\"]\nFROM alpine\nCMD echo hi\n"), rule), 1);
}

TEST(BuildkitParity, ReservedStageNameReportsEachReservedWord) {
  EXPECT_EQ(count(lint("FROM alpine AS scratch\nFROM alpine AS context\n"), rule_of("ReservedStageName")), 2);
}

TEST(BuildkitParity, CopyIgnoredFileOnARealContext) {
  // An experimental check in BuildKit; drydock's DD3006 reports it by
  // default because the COPY then fails the build (documented difference).
  TempDir d;
  d.write(".dockerignore", "*/tmp/*\n");
  d.write("foo/tmp/a.txt", "a\n");
  d.write("foo/app.txt", "b\n");
  const std::string rule = rule_of("CopyIgnoredFile");
  ASSERT_EQ(rule, "DD3006");
  EXPECT_GE(count(lint_in(d, "FROM scratch\nCOPY ./foo/tmp/a.txt /dest\n"), rule), 1);
  EXPECT_EQ(count(lint_in(d, "FROM scratch\nCOPY ./foo/app.txt /dest\n"), rule), 0);
  EXPECT_EQ(count(lint_in(d, "# check=skip=CopyIgnoredFile\nFROM scratch\nCOPY ./foo/tmp/a.txt /dest\n"), rule), 0);
}

// ---- Lines as BuildKit reports them ----

TEST(BuildkitLines, DefinitionDescriptionIsOnTheFromAndArgLines) {
  auto f = only(lint(kExp + "# a non-descriptive comment\nFROM scratch AS base\n\n# another one\nARG VERSION=1\n"),
                "DD1017");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.line, 4);  // the FROM
  EXPECT_EQ(f[1].location.line, 7);  // the ARG
  // The comment stays in the text and as the related place.
  EXPECT_NE(f[0].message.find("line 3"), std::string::npos) << f[0].message;
  ASSERT_EQ(f[0].related.size(), 1u);
  EXPECT_EQ(f[0].related[0].location.line, 3);
}

TEST(BuildkitLines, DefinitionDescriptionReadsTheLastCommentOfTheBlock) {
  // A blank '#' line splits the block; BuildKit reads the last comment.
  EXPECT_EQ(count(lint(kExp + "# Some notes about the file\n#\n# base is a stage for compiling\nFROM scratch AS base\n"),
                  "DD1017"),
            0);
  EXPECT_EQ(count(lint(kExp + "# base is a stage for compiling\n#\n# more notes\nFROM scratch AS base\n"), "DD1017"), 1);
  EXPECT_EQ(count(lint(kExp + "# base is a stage\n# built from nothing\nFROM scratch AS base\n"), "DD1017"), 1);
  // An empty '#' right above: no description at all.
  EXPECT_EQ(count(lint(kExp + "# notes\n#\nFROM scratch AS base\n"), "DD1017"), 0);
  // Any key of a multi-key ARG may start it.
  EXPECT_EQ(count(lint(kExp + "FROM scratch\n# B the second\nARG A=1 B=2\n"), "DD1017"), 0);
}

TEST(BuildkitLines, EmptyContinuationIsAtTheEndOfTheInstruction) {
  auto f = only(lint("FROM debian:12\nRUN apt-get update && \\\n\n    apt-get install -y curl && \\\n    rm -rf /tmp/x\n"),
                "DD1004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 5);  // where the RUN ends
  EXPECT_NE(f[0].message.find("line 3"), std::string::npos) << f[0].message;
  ASSERT_EQ(f[0].related.size(), 1u);
  EXPECT_EQ(f[0].related[0].location.line, 3);  // the empty line
}

// ---- SecretsUsedInArgOrEnv ----

TEST(BuildkitSecrets, SecretNamedArgIsReportedWithoutARun) {
  auto f = only(lint("FROM alpine:3.20\nARG GITHUB_TOKEN\nCMD [\"/app\"]\n"), "DD2030");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].severity, Severity::warning);
  // Used by a RUN: still reported on the ARG.
  EXPECT_EQ(count(lint("FROM alpine:3.20\nARG NPM_TOKEN\nRUN echo $NPM_TOKEN > .npmrc\n"), "DD2030"), 1);
  // Names that only refer to a secret are not secrets.
  for (const char* name : {"DB_PASSWORD_FILE", "TOKEN_URL", "SECRET_NAME", "VERSION"})
    EXPECT_EQ(count(lint(std::string("FROM alpine:3.20\nARG ") + name + "\n"), "DD2030"), 0) << name;
  // A global ARG only feeds FROM lines.
  EXPECT_EQ(count(lint("ARG REGISTRY_TOKEN\nFROM alpine:3.20\n"), "DD2030"), 0);
}

TEST(BuildkitSecrets, SecretDefaultIsAnErrorAndRedacted) {
  const std::string value = "ghp_Zq8rT3vK9wLx2mNb7cJd4fHs6gPa1yUe5iOo";
  auto f = only(lint("FROM alpine:3.20\nARG GITHUB_TOKEN=" + value + "\n"), "DD2030");
  ASSERT_EQ(f.size(), 1u);  // one finding, not one per reason
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_EQ(f[0].evidence.find(value), std::string::npos) << f[0].evidence;
  EXPECT_EQ(f[0].message.find(value), std::string::npos) << f[0].message;
}

// ---- --build-arg ----

TEST(BuildkitBuildArgs, ReplaceDeclaredDefaultsInFrom) {
  BuildArgs args{{"TAG", "3.19"}, {"UNDECLARED", "x"}};
  auto df = dockerfile::parse("ARG TAG=3.20\nARG BASE=alpine:${TAG}\nFROM ${BASE}\nFROM busybox:${UNDECLARED}\n",
                              "Dockerfile", &args);
  ASSERT_EQ(df.stages.size(), 2u);
  EXPECT_EQ(df.stages[0].base_expanded, "alpine:3.19");
  // Undeclared names are not seen, as in BuildKit.
  EXPECT_EQ(df.stages[1].base_expanded, "busybox:");
  // A given value replaces the default unexpanded.
  BuildArgs literal{{"BASE", "debian:12"}};
  auto d2 = dockerfile::parse("ARG TAG=3.20\nARG BASE=alpine:${TAG}\nFROM ${BASE}\n", "Dockerfile", &literal);
  EXPECT_EQ(d2.stages[0].base_expanded, "debian:12");
}

TEST(BuildkitBuildArgs, BaseImageRulesJudgeTheImageTheBuildUses) {
  // DL3007 (stale-base): the tag the build argument gives is :latest.
  const std::string text = "ARG TAG=3.20\nFROM alpine:${TAG}\nCMD [\"/app\"]\n";
  const std::string rule = Registry::instance().resolve("DL3007");
  EXPECT_EQ(count(lint(text), rule), 0);
  EXPECT_EQ(count(lint_args(text, {{"TAG", "latest"}}), rule), 1);
}

TEST(BuildkitBuildArgs, ChecksOnDefaultsIgnoreThem) {
  // InvalidDefaultArgInFrom is about a build without --build-arg: BuildKit
  // warns even when one is given (moby/moby#49928).
  EXPECT_EQ(count(lint_args("ARG TAG\nFROM busybox:${TAG}\n", {{"TAG", "1.36"}}), rule_of("InvalidDefaultArgInFrom")), 1);
  // UndefinedArgInFrom: a build argument is not a declaration.
  EXPECT_EQ(count(lint_args("FROM node:22${VARIANT}\n", {{"VARIANT", "-alpine"}}), rule_of("UndefinedArgInFrom")), 1);
}

}  // namespace
}  // namespace dd::test
