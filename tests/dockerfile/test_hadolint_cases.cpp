// hadolint parity, drydock's own cases: ONBUILD RUN triggers, pre-FROM
// instructions, PIP_CONSTRAINT and `yes |` from the package table, COPY .
// under an ignore-everything .dockerignore, and the deliberate differences
// documented on the rules' pages.
#include <gtest/gtest.h>

#include <string>

#include "core/registry.h"
#include "dockerfile/rules/rule_test.h"

namespace dd::test {
namespace {

std::string rule_of(const char* dl) { return Registry::instance().resolve(dl); }

// ---- ONBUILD RUN triggers ------------------------------------------------------

TEST(HadolintOnbuild, EveryRunRuleJudgesTheTrigger) {
  const std::string df =
      "FROM debian:12\n"
      "ONBUILD RUN apt-get update && apt-get install curl\n";
  auto all = lint(df);
  // Without -y (DL3014), unpinned (DL3008), lists kept and recommends (DL3009/DL3015).
  for (const char* dl : {"DL3014", "DL3008", "DL3009"}) {
    auto f = only(all, rule_of(dl));
    ASSERT_EQ(f.size(), 1u) << dl;
    EXPECT_EQ(f[0].location.line, 2) << dl;
    EXPECT_NE(f[0].message.find("ONBUILD trigger on line 2"), std::string::npos) << f[0].message;
    EXPECT_NE(f[0].message.find("every build FROM this image"), std::string::npos) << f[0].message;
    ASSERT_EQ(f[0].related.size(), 1u) << dl;
    EXPECT_EQ(f[0].related[0].location.line, 2);
    EXPECT_NE(f[0].related[0].message.find("ONBUILD"), std::string::npos);
  }
}

TEST(HadolintOnbuild, TriggerOnContinuationNamesBothLines) {
  const std::string df =
      "FROM python:3.12-slim\n"
      "ONBUILD RUN set -e; \\\n"
      "    pip install --no-cache-dir flask\n";
  auto f = only(lint(df), rule_of("DL3013"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);  // the package
  ASSERT_EQ(f[0].related.size(), 1u);
  EXPECT_EQ(f[0].related[0].location.line, 2);  // the ONBUILD
}

TEST(HadolintOnbuild, CleanTriggerIsQuiet) {
  const std::string df =
      "FROM debian:12\n"
      "ONBUILD RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n"
      "    && rm -rf /var/lib/apt/lists/*\n";
  auto all = lint(df);
  for (const char* dl : {"DL3014", "DL3008", "DL3009", "DL3015"}) EXPECT_EQ(count(all, rule_of(dl)), 0) << dl;
}

TEST(HadolintOnbuild, CacheRulesSeeTheTriggerMount) {
  // The cache mount belongs to the trigger's RUN.
  const std::string df =
      "FROM fedora:40\n"
      "ONBUILD RUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd-2.4.62\n";
  EXPECT_EQ(count(lint(df), rule_of("DL3040")), 0);
  EXPECT_EQ(count(lint("FROM fedora:40\nONBUILD RUN dnf install -y httpd-2.4.62\n"), rule_of("DL3040")), 1);
}

TEST(HadolintOnbuild, OtherTriggersAreNotRuns) {
  // ONBUILD COPY / ONBUILD CMD run no shell command of this file's RUN rules.
  auto all = lint("FROM debian:12\nONBUILD COPY apt-get /x\nONBUILD ENV A=\"apt-get install curl\"\n");
  EXPECT_EQ(count(all, rule_of("DL3014")), 0);
  EXPECT_EQ(count(all, rule_of("DL3008")), 0);
}

TEST(HadolintOnbuild, PlainRunIsNotMarked) {
  auto f = only(lint("FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n"), rule_of("DL3008"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(f[0].related.empty());
  EXPECT_EQ(f[0].message.find("ONBUILD"), std::string::npos);
}

// ---- instructions before the first FROM ------------------------------------------

TEST(HadolintPreFrom, OnlyTheOrderRulesJudgeThem) {
  const std::string df =
      "ARG V=12\n"
      "RUN apt-get install curl\n"
      "EXPOSE 99999\n"
      "ADD app.txt /app/\n"
      "ENV A=1 B=$A\n"
      "COPY a b c\n"
      "FROM debian:${V}\n"
      "RUN echo hi\n";
  auto all = lint(df);
  // hadolint's DL3061 fails every instruction before the first FROM except ARG
  // (and comments): RUN, EXPOSE, ADD, ENV and COPY here.
  EXPECT_EQ(count(all, rule_of("DL3061")), 5);
  for (const char* dl : {"DL3014", "DL3008", "DL3009", "DL3011", "DL3020", "DL3044", "DL3021"}) {
    for (const auto& f : only(all, rule_of(dl))) ADD_FAILURE() << dl << " judged a pre-FROM line: " << f.message;
  }
  // The context rules too: COPY of a missing file before FROM is DD1021's finding only.
  TempDir dir;
  dir.write("app.txt", "x\n");
  auto ctx = lint_in(dir, "COPY missing.txt /x\nMAINTAINER me\nFROM debian:12\nCOPY app.txt /app/\n");
  EXPECT_EQ(count(ctx, rule_of("DL3061")), 2);  // the COPY and the MAINTAINER
  for (const char* id : {"DD1001", "DD3006"})
    for (const auto& f : only(ctx, id)) ADD_FAILURE() << id << " judged a pre-FROM line: " << f.message;
  // After FROM the same COPY is judged.
  EXPECT_EQ(count(lint_in(dir, "FROM debian:12\nCOPY missing.txt /x\n"), "DD3006"), 1);
  EXPECT_EQ(count(lint("MAINTAINER me\nFROM debian:12\n"), "DD1001"), 0);
  // The same instructions after FROM are judged.
  auto after = lint("FROM debian:12\nRUN apt-get install curl\nEXPOSE 99999\n");
  EXPECT_EQ(count(after, rule_of("DL3014")), 1);
  EXPECT_EQ(count(after, rule_of("DL3011")), 1);
}

TEST(HadolintPreFrom, ArgBeforeFromIsStillJudged) {
  // ARG before FROM is legal: the secret-name rule still reads it.
  EXPECT_EQ(count(lint("ARG GITHUB_TOKEN\nFROM debian:12\n"), rule_of("DL3064")), 1);
}

// ---- the package table: PIP_CONSTRAINT, yes | ---------------------------------------

TEST(HadolintPackages, PipConstraintInTheEnvironmentPins) {
  std::string id = rule_of("DL3013");
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nENV PIP_CONSTRAINT=/c.txt\nRUN pip install --no-cache-dir flask\n"), id), 0);
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nARG PIP_CONSTRAINT\nRUN pip install --no-cache-dir flask\n"), id), 0);
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nRUN PIP_CONSTRAINT=/c.txt pip install --no-cache-dir flask\n"), id), 0);
  // Empty, or set in a stage this one does not build on: not pinned.
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nENV PIP_CONSTRAINT=\nRUN pip install --no-cache-dir flask\n"), id), 1);
  EXPECT_EQ(count(lint("FROM python:3.12-slim AS a\nENV PIP_CONSTRAINT=/c.txt\n"
                       "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n"),
                  id),
            1);
  // Another tool's variable does not pin pip.
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nENV UV_CONSTRAINT=/c.txt\nRUN pip install --no-cache-dir flask\n"), id), 1);
}

TEST(HadolintPackages, YesPipedIntoTheManagerConfirms) {
  std::string apt = rule_of("DL3014");
  EXPECT_EQ(count(lint("FROM debian:12\nRUN yes | apt-get install --no-install-recommends curl=7.88.1-10\n"), apt), 0);
  EXPECT_EQ(count(lint("FROM debian:12\nRUN yes y | apt-get install --no-install-recommends curl=7.88.1-10\n"), apt), 0);
  // `yes n` answers no; a pipe from something else answers nothing.
  EXPECT_EQ(count(lint("FROM debian:12\nRUN yes n | apt-get install --no-install-recommends curl=7.88.1-10\n"), apt), 1);
  EXPECT_EQ(count(lint("FROM debian:12\nRUN echo | apt-get install --no-install-recommends curl=7.88.1-10\n"), apt), 1);
  // `yes` piped elsewhere does not confirm a later install.
  EXPECT_EQ(count(lint("FROM debian:12\nRUN yes | head -1 && apt-get install --no-install-recommends curl=7.88.1-10\n"), apt), 1);
  EXPECT_EQ(count(lint("FROM fedora:40\nRUN yes | dnf install httpd-2.4.62 && dnf clean all\n"), rule_of("DL3038")), 0);
}

// ---- COPY . under a .dockerignore that excludes everything ---------------------------

TEST(HadolintContext, CopyDotUnderIgnoreAllShipsNothing) {
  for (const char* pattern : {"*\n", "**\n", "# all\n*\n"}) {
    TempDir dir;
    dir.write("app.py", "print(1)\n");
    dir.write("src/lib.py", "x = 1\n");
    dir.write(".dockerignore", pattern);
    auto f = only(lint_in(dir, "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"), "DD3006");
    ASSERT_EQ(f.size(), 1u) << pattern;
    EXPECT_EQ(f[0].location.line, 3);
    EXPECT_NE(f[0].message.find("copies nothing"), std::string::npos) << f[0].message;
  }
}

TEST(HadolintContext, IgnoreAllWithExceptionsIsFine) {
  TempDir dir;
  dir.write("app.py", "print(1)\n");
  dir.write("secret.env", "A=1\n");
  dir.write(".dockerignore", "*\n!app.py\n");
  EXPECT_EQ(count(lint_in(dir, "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"), "DD3006"), 0);
  TempDir plain;
  plain.write("app.py", "print(1)\n");
  plain.write(".dockerignore", "*.env\n");
  EXPECT_EQ(count(lint_in(plain, "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"), "DD3006"), 0);
}

// ---- the new rules' edges and drydock's documented differences ------------------------

TEST(HadolintDifferences, SecretNamesAreJudgedOnce) {
  std::string id = rule_of("DL3064");
  EXPECT_EQ(id, "DD1160");
  EXPECT_EQ(count(lint("FROM debian:12\nENV DB_PASSWORD=\n"), id), 1);
  // A user name is not a secret (hadolint: fires).
  EXPECT_EQ(count(lint("FROM debian:12\nARG USERNAME=dev\n"), id), 0);
  EXPECT_EQ(count(lint("FROM debian:12\nARG OS_USERNAME=quarto\n"), id), 0);
  // An ARG a RUN reads is DD2031's finding, a secret-looking value DD2030's.
  auto used = lint("FROM node:20-slim\nARG NPM_TOKEN\nRUN echo \"//r/:_authToken=${NPM_TOKEN}\" > .npmrc\n");
  EXPECT_EQ(count(used, id), 0);
  EXPECT_EQ(count(used, "DD2031"), 1);
}

TEST(HadolintDifferences, OnlyTheShippedUserMustBeNumeric) {
  std::string id = rule_of("DL3066");
  // hadolint: fires on USER builder; drydock: the image runs as 10001.
  EXPECT_EQ(count(lint("FROM debian:12 AS build\nUSER builder\nFROM debian:12\nUSER 10001\n"), id), 0);
  EXPECT_EQ(count(lint("FROM debian:12\nUSER app\nRUN id\nUSER 10001\n"), id), 0);
  EXPECT_EQ(count(lint("FROM debian:12\nUSER 10001:app\n"), id), 1);
  EXPECT_EQ(count(lint("FROM debian:12\nUSER root\n"), id), 1);
}

TEST(HadolintDifferences, NumericUserFixUsesTheIdTheDockerfileGives) {
  std::string id = rule_of("DL3066");
  auto made = only(lint("FROM debian:12\nRUN useradd -l -u 1234 app\nUSER app\n"), id);
  ASSERT_EQ(made.size(), 1u);
  EXPECT_EQ(made[0].fix, "USER 1234");
  auto unknown = only(lint("FROM debian:12\nUSER app:app\n"), id);
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].fix, "USER 10001:10001");  // pasteable; how to look the id up is in the root cause
  EXPECT_NE(unknown[0].root_cause.find("--entrypoint id IMAGE -u app"), std::string::npos);
}

TEST(HadolintDifferences, SquashFromScratchIsNotReported) {
  std::string id = rule_of("DL3067");
  // hadolint: fires; drydock: FROM scratch + COPY --from=X / / is the squash idiom.
  EXPECT_EQ(count(lint("FROM debian:12 AS rootfs\nRUN echo x\nFROM scratch\nCOPY --from=rootfs / /\n"), id), 0);
  EXPECT_EQ(count(lint("FROM debian:12 AS rootfs\nRUN echo x\nFROM scratch\nCOPY app /app\nCOPY --from=rootfs / /\n"), id), 1);
  // An image named in --from, or a stage FROM scratch, is made to be copied whole (hadolint: fires).
  EXPECT_EQ(count(lint("FROM debian:12\nCOPY --from=tonistiigi/xx:1.5 / /\n"), id), 0);
  EXPECT_EQ(count(lint("FROM scratch AS tools\nCOPY bin /usr/local/bin\nFROM debian:12\nCOPY --from=tools / /\n"), id), 0);
}

TEST(HadolintDifferences, HealthcheckOnlyForServers) {
  std::string id = rule_of("DL3057");
  // hadolint: fires on any Dockerfile without HEALTHCHECK; drydock: a server without one.
  EXPECT_EQ(count(lint("FROM busybox:1.36\nCMD [\"echo\", \"done\"]\n"), id), 0);
  EXPECT_EQ(count(lint("FROM nginx:1.27\nEXPOSE 80\n"), id), 1);
  EXPECT_EQ(count(lint("FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n"), id), 0);
}

}  // namespace
}  // namespace dd::test
