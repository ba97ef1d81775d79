// `drydock lint --build-arg` and the check options through the binary: exit
// status as --fail-on defines it, bad input as exit 2 with one line.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "helpers.h"

namespace dd::test {
namespace {

const std::string kBody = "FROM alpine:3.20 AS BASE_STAGE\nCMD echo \"Hello, world!\"\n";

nlohmann::json findings(const RunResult& r) {
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  return j.is_discarded() ? nlohmann::json::array() : j["findings"];
}

int count(const nlohmann::json& fs, const std::string& rule) {
  int n = 0;
  for (const auto& f : fs) n += f["rule"] == rule;
  return n;
}

TEST(BuildkitCli, ErrorTrueFailsTheRun) {
  TempDir d;
  auto plain = d.write("plain/Dockerfile", kBody);
  auto strict = d.write("strict/Dockerfile", "# syntax=docker/dockerfile:1\n# check=error=true\n\n" + kBody);
  auto r = drydock({"lint", "--no-context", "--format", "json", plain.string()});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  auto s = drydock({"lint", "--no-context", "--format", "json", strict.string()});
  EXPECT_EQ(s.status, 1) << s.out << s.err;
  EXPECT_EQ(count(findings(s), "DD1008"), 1);
  // --fail-on still decides: with none, nothing fails.
  EXPECT_EQ(drydock({"lint", "--no-context", "--fail-on", "none", strict.string()}).status, 0);
}

TEST(BuildkitCli, BuildArgCheckOptionAndItsEnvironmentForm) {
  TempDir d;
  auto file = d.write("Dockerfile", kBody);
  auto r = drydock({"lint", "--no-context", "--format", "json", "--build-arg", "BUILDKIT_DOCKERFILE_CHECK=error=true",
                    file.string()});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  auto skip = drydock({"lint", "--no-context", "--format", "json", "--build-arg",
                       "BUILDKIT_DOCKERFILE_CHECK=skip=JSONArgsRecommended,StageNameCasing", file.string()});
  EXPECT_EQ(skip.status, 0) << skip.err;
  EXPECT_EQ(count(findings(skip), "DD1008"), 0);
  EXPECT_EQ(count(findings(skip), "DD1002"), 0);
  // NAME alone takes the value from the environment, as docker build does.
  auto env = drydock({"lint", "--no-context", "--format", "json", "--build-arg", "BUILDKIT_DOCKERFILE_CHECK",
                      file.string()},
                     {"BUILDKIT_DOCKERFILE_CHECK=skip=StageNameCasing"});
  EXPECT_EQ(count(findings(env), "DD1002"), 0) << env.out << env.err;
  EXPECT_EQ(count(findings(env), "DD1008"), 1);
  // Not set: nothing is passed.
  auto unset = drydock({"lint", "--no-context", "--format", "json", "--build-arg", "DRYDOCK_TEST_UNSET_ARG",
                        file.string()});
  EXPECT_EQ(count(findings(unset), "DD1002"), 1) << unset.err;
}

TEST(BuildkitCli, RepeatedBuildArgsAllApply) {
  TempDir d;
  auto file = d.write("Dockerfile", kBody);
  auto r = drydock({"lint", "--no-context", "--format", "json", "--build-arg", "TAG=1", "--build-arg",
                    "BUILDKIT_DOCKERFILE_CHECK=skip=StageNameCasing", file.string()});
  EXPECT_EQ(count(findings(r), "DD1002"), 0) << r.out << r.err;
  EXPECT_EQ(count(findings(r), "DD1008"), 1);
}

TEST(BuildkitCli, BadCheckOptionIsExit2WithOneLine) {
  TempDir d;
  auto file = d.write("Dockerfile", kBody);
  auto r = drydock({"lint", "--no-context", "--build-arg", "BUILDKIT_DOCKERFILE_CHECK=skip=all;bogus=1", file.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(file.string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bogus"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  auto bad = drydock({"lint", "--no-context", "--build-arg", "=x", file.string()});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("--build-arg"), std::string::npos) << bad.err;
}

TEST(BuildkitCli, SecretBuildArgValueIsNeverPrinted) {
  TempDir d;
  auto file = d.write("Dockerfile", "FROM alpine:3.20\nARG NPM_TOKEN\nRUN echo building\n");
  const std::string secret = "npm_Zq8rT3vK9wLx2mNb7cJd4fHs6gPa1yUe5iOo";
  auto r = drydock({"lint", "--no-context", "--format", "json", "--build-arg", "NPM_TOKEN=" + secret, file.string()});
  EXPECT_EQ(r.out.find(secret), std::string::npos);
  EXPECT_EQ(r.err.find(secret), std::string::npos);
  EXPECT_EQ(count(findings(r), "DD2030"), 1) << r.out;
}

}  // namespace
}  // namespace dd::test
