// Pins for session 20's accuracy fixes (issue 13, part B), through the binary
// as a user runs it: each test fails if the wrong finding or fix comes back.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corpus_util.h"
#include "helpers.h"

namespace dd::test {
namespace {

// The date the end-of-life verdicts below are computed for.
const std::string kToday = "DRYDOCK_TODAY=2026-12-01";

nlohmann::json s20_lint(const TempDir& d, const std::string& dockerfile, const std::string& name = "Dockerfile") {
  auto p = d.write(name, dockerfile);
  auto r = drydock({"lint", "--no-context", "--fail-on", "none", "-f", "json", p.string()}, {kToday});
  EXPECT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  return j.is_discarded() ? nlohmann::json::array() : j["findings"];
}

std::vector<nlohmann::json> s20_of(const nlohmann::json& fs, const std::string& rule) {
  std::vector<nlohmann::json> out;
  for (const auto& f : fs)
    if (f.value("rule", "") == rule) out.push_back(f);
  return out;
}

// DD2050: a base whose own Dockerfile ends with USER runs as non-root (the
// knowledge table, as --local-images would tell); one that does not still
// gets the finding.
TEST(PinsS20, BaseThatRunsAsNonRootIsNotRoot) {
  TempDir d;
  for (const char* base : {"notary:server-0.7.0", "notary:signer", "jenkins/jenkins:lts-jdk17", "grafana/grafana:11.2.0",
                           "nginxinc/nginx-unprivileged:1.27-alpine", "bitnami/redis:7.4"})
    EXPECT_TRUE(s20_of(s20_lint(d, std::string("FROM ") + base + "\nCOPY config.json /etc/app/config.json\n"), "DD2050").empty())
        << base;
  auto f = s20_of(s20_lint(d, "FROM debian:bookworm-slim\nCOPY app /app\nCMD [\"/app\"]\n"), "DD2050");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["severity"], "warning");
}

// DD2050's fix comes from the image's own users: nginx runs unprivileged as
// nginxinc/nginx-unprivileged (same tag), never `USER app`; php-fpm as
// www-data; node as node.
TEST(PinsS20, RunsAsRootFixesComeFromTheImage) {
  TempDir d;
  auto n = s20_of(s20_lint(d, "FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\n"), "DD2050");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0]["severity"], "info") << "nginx runs its workers as nginx itself";
  EXPECT_EQ(n[0]["fix"], "FROM nginxinc/nginx-unprivileged:1.27-alpine");
  auto p = s20_of(s20_lint(d, "FROM php:8.3-fpm-alpine\nCOPY src /var/www/html\n"), "DD2050");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0]["fix"], "USER www-data");
  auto j = s20_of(s20_lint(d, "FROM node:22-slim\nCOPY . /app\nCMD [\"node\", \"/app/server.js\"]\n"), "DD2050");
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["fix"], "USER node");
  // A server image started as its entrypoint starts it drops to its user itself.
  auto pg = s20_of(s20_lint(d, "FROM postgres:17\nCOPY init.sql /docker-entrypoint-initdb.d/\n"), "DD2050");
  ASSERT_EQ(pg.size(), 1u);
  EXPECT_EQ(pg[0]["severity"], "info");
  EXPECT_NE(pg[0]["message"].get<std::string>().find("user postgres"), std::string::npos) << pg[0].dump();
  // dockerd in docker:dind needs root: info, and the fix is the rootless variant.
  auto dind = s20_of(s20_lint(d, "FROM docker:27-dind\nCOPY daemon.json /etc/docker/daemon.json\n"), "DD2050");
  ASSERT_EQ(dind.size(), 1u);
  EXPECT_EQ(dind[0]["severity"], "info");
  EXPECT_EQ(dind[0]["fix"], "FROM docker:27-dind-rootless");
  // Its own start command runs as root: a warning.
  auto own = s20_of(s20_lint(d, "FROM postgres:17\nCMD [\"/usr/local/bin/backup.sh\"]\n"), "DD2050");
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0]["severity"], "warning");
}

// DD2020/DD2022/DD2024 in a development image (its target stage or the file
// is named so) are info; in a stage that ships they stay warnings, also when
// that stage is built FROM a stage named dev.
TEST(PinsS20, DevelopmentImagesAreInfo) {
  TempDir d;
  const std::string body =
      "RUN apt-get update && apt-get install -y gcc\nRUN pip install -r requirements.txt\nRUN npm install\n";
  auto severities = [&](const nlohmann::json& fs) {
    std::vector<std::string> out;
    for (const char* rule : {"DD2020", "DD2022", "DD2024"})
      for (const auto& f : s20_of(fs, rule)) out.push_back(std::string(rule) + " " + f["severity"].get<std::string>());
    return out;
  };
  auto dev = severities(s20_lint(d, "FROM python:3.13 AS builder\n" + body + "FROM builder AS dev-envs\nCMD [\"sh\"]\n"));
  ASSERT_FALSE(dev.empty());
  for (const auto& s : dev) EXPECT_NE(s.find(" info"), std::string::npos) << s;
  auto file = severities(s20_lint(d, "FROM python:3.13\n" + body, "Dockerfile.dev"));
  ASSERT_FALSE(file.empty());
  for (const auto& s : file) EXPECT_NE(s.find(" info"), std::string::npos) << s;
  // Root in a development image is worth knowing, not a warning.
  auto root = s20_of(s20_lint(d, "FROM python:3.13 AS builder\n" + body + "FROM builder AS dev-envs\nCMD [\"sh\"]\n"), "DD2050");
  ASSERT_EQ(root.size(), 1u);
  EXPECT_EQ(root[0]["severity"], "info");
  auto ships = severities(s20_lint(d, "FROM python:3.13 AS dev\n" + body + "FROM dev AS prod\nCMD [\"python\"]\n"));
  ASSERT_FALSE(ships.empty());
  for (const auto& s : ships) EXPECT_NE(s.find(" warning"), std::string::npos) << s;
}

// DD2020 reads an image that starts a shell, a build tool or nothing as a
// build environment (info); DD2022 does not (a base image without CMD ships
// its cache to every image built FROM it).
TEST(PinsS20, BuildEnvironmentsAndBaseImages) {
  TempDir d;
  const std::string install = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gcc\n";
  auto sev = [&](const std::string& df, const char* rule) {
    auto f = s20_of(s20_lint(d, df), rule);
    return f.size() == 1 ? f[0]["severity"].get<std::string>() : "count " + std::to_string(f.size());
  };
  EXPECT_EQ(sev(install + "CMD [\"make\", \"test\"]\n", "DD2020"), "info");
  EXPECT_EQ(sev(install, "DD2020"), "info");
  EXPECT_EQ(sev(install + "CMD [\"/usr/local/bin/server\"]\n", "DD2020"), "warning");
  EXPECT_EQ(sev(install, "DD2022"), "warning");
  EXPECT_EQ(sev(install + "CMD [\"make\"]\n", "DD2022"), "warning");
}

// "COPY before the first FROM" is one finding (DD1021, with the file's FROM
// in its fix), not DD0001 as well.
TEST(PinsS20, InstructionBeforeFromIsReportedOnce) {
  TempDir d;
  auto fs = s20_lint(d, "COPY app /app\nFROM alpine:3.22\nCMD [\"/app\"]\n");
  EXPECT_TRUE(s20_of(fs, "DD0001").empty()) << fs.dump(1);
  auto f = s20_of(fs, "DD1021");
  ASSERT_EQ(f.size(), 1u) << fs.dump(1);
  EXPECT_EQ(f[0]["fix"], "FROM alpine:3.22\nCOPY app /app");
  // An unknown instruction is still the parser's error.
  EXPECT_EQ(s20_of(s20_lint(d, "FOO bar\nFROM alpine:3.22\n"), "DD0001").size(), 1u);
}

// A line the parser rejects is one error: a duplicate stage name is DD1006
// (not DD0001 too), and `COPY --from builder a b` is DD0001 (no DD1025
// counting the flag's value as a source).
TEST(PinsS20, ParseErrorsAreNotReportedTwice) {
  TempDir d;
  auto dup = s20_lint(d, "FROM alpine:3.22 AS final\nRUN true\nFROM alpine:3.22 AS final\nCMD [\"sh\"]\n");
  EXPECT_TRUE(s20_of(dup, "DD0001").empty()) << dup.dump(1);
  EXPECT_EQ(s20_of(dup, "DD1006").size(), 1u) << dup.dump(1);
  auto flag = s20_lint(d, "FROM ubuntu:24.04 AS builder\nFROM ubuntu:24.04\nCOPY --from builder /bin/bash /my/bin/bash\n");
  EXPECT_EQ(s20_of(flag, "DD0001").size(), 1u) << flag.dump(1);
  EXPECT_TRUE(s20_of(flag, "DD1025").empty()) << flag.dump(1);
}

// A FROM the parser rejects (a comment after it on the same line) is its
// DD0001 only: no stage name, full-OS base or root user judged from the
// comment's words; ONBUILD FROM is DD1022 (the rule made for it), once.
TEST(PinsS20, RejectedLineIsOneFinding) {
  TempDir d;
  auto fs = s20_lint(d, "FROM python:3. #Install Django and other packages\nRUN pip install --no-cache-dir django==5.1\n");
  std::vector<std::string> on_line_1;
  for (const auto& f : fs)
    if (f["location"]["line"] == 1) on_line_1.push_back(f["rule"]);
  EXPECT_EQ(on_line_1, std::vector<std::string>{"DD0001"}) << fs.dump(1);
  auto ob = s20_lint(d, "FROM alpine:3.22\nONBUILD FROM debian:12\n");
  EXPECT_TRUE(s20_of(ob, "DD0001").empty()) << ob.dump(1);
  EXPECT_EQ(s20_of(ob, "DD1022").size(), 1u) << ob.dump(1);
}

// The deprecated openjdk image moves to Eclipse Temurin of the same Java
// release and kind; DD2020's fix is a build stage on the file's own base.
TEST(PinsS20, FixesKeepTheJavaReleaseAndTheBase) {
  TempDir d;
  auto j = s20_of(s20_lint(d, "FROM openjdk:8u181-jdk-alpine\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n"), "DD2072");
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["fix"], "FROM eclipse-temurin:8-jdk-alpine");
  auto t = s20_of(s20_lint(d, "FROM alpine:3.22\nRUN apk add --no-cache git\nCMD [\"/app\"]\n"), "DD2020");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0]["fix"], "FROM alpine:3.22 AS build\nRUN apk add --no-cache git\nFROM alpine:3.22\nCOPY --from=build /out/ /app/");
}

// DD2072 keeps the variant; DD2070's and CentOS's fixes are one pasteable
// instruction.
TEST(PinsS20, EndOfLifeAndTagFixesArePasteable) {
  TempDir d;
  auto e = s20_of(s20_lint(d, "FROM python:3.7-alpine\nCMD [\"python\"]\n"), "DD2072");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0]["fix"], "FROM python:3.14-alpine");
  auto c = s20_of(s20_lint(d, "FROM centos:7\nCMD [\"sh\"]\n"), "DD2072");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0]["fix"], "FROM rockylinux:9-minimal");
  auto a = s20_of(s20_lint(d, "FROM alpine\nCMD [\"sh\"]\n"), "DD2070");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0]["fix"], "FROM alpine:3.23");
  auto p = s20_of(s20_lint(d, "FROM python\nCMD [\"python\"]\n"), "DD2070");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0]["fix"], "FROM python:3.14") << "no tag is the full image: the fix keeps it";
  for (const auto& f : {a[0], p[0], c[0], e[0]}) {
    std::string fix = f["fix"];
    EXPECT_EQ(fix.find("e.g."), std::string::npos) << fix;
    EXPECT_EQ(fix.find(" or "), std::string::npos) << fix;
  }
}

// The package-cache and pip-cache fixes are the RUN as it should read.
TEST(PinsS20, CacheFixesAreTheCorrectedRun) {
  TempDir d;
  auto c = s20_of(s20_lint(d, "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n"), "DD2022");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0]["fix"], "RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*");
  auto p = s20_of(s20_lint(d, "FROM python:3.13-slim\nRUN pip install -r requirements.txt\n"), "DD2024");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0]["fix"], "RUN pip install --no-cache-dir -r requirements.txt");
}

// docker/cli's e2e Dockerfile.connhelper-ssh: FROM the locally built
// docker:test-dind (no -rootless variant is published for it). The docker
// image is Alpine-based whatever its tag, so the fix is addgroup/adduser,
// never groupadd, which busybox does not have.
TEST(PinsS20, AlpineBasedOfficialImagesGetAlpineFixes) {
  TempDir d;
  auto f = s20_of(s20_lint(d, "FROM docker:test-dind\nCOPY entrypoint.sh /\nENTRYPOINT [\"/entrypoint.sh\"]\n"), "DD2050");
  ASSERT_EQ(f.size(), 1u);
  std::string fix = f[0]["fix"].get<std::string>();
  EXPECT_EQ(fix.find("groupadd"), std::string::npos) << fix;
  EXPECT_NE(fix.find("addgroup"), std::string::npos) << fix;
  auto deb = s20_of(s20_lint(d, "FROM debian:bookworm-slim\nCOPY entrypoint.sh /\nENTRYPOINT [\"/entrypoint.sh\"]\n"), "DD2050");
  ASSERT_EQ(deb.size(), 1u);
  EXPECT_NE(deb[0]["fix"].get<std::string>().find("groupadd"), std::string::npos) << deb[0].dump();
}

}  // namespace
}  // namespace dd::test
