// What DD1142 predicts is what the engine does: a build FROM a local image of
// another architecture fails at its first RUN with "exec format error".
#include <algorithm>

#include <nlohmann/json.hpp>

#include "helpers/docker_images.h"
#include "runtime_test.h"

namespace dd::test {
namespace {

std::string engine_platform() {
  auto r = docker({"version", "--format", "{{.Server.Os}}/{{.Server.Arch}}"});
  std::string s = r.out;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

TEST(BaseImagePlatformLive, ForeignBaseFailsTheBuildAsPredicted) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const std::string arm = foreign_arch_image();
  const std::string native = busybox_image();
  ASSERT_FALSE(arm.empty()) << "could not build the arm64 test image";
  ASSERT_FALSE(native.empty()) << "could not build the busybox test image";
  const std::string host = engine_platform();
  ASSERT_EQ(host, "linux/amd64") << "the test's foreign image is arm64: it needs an amd64 engine";

  TempDir ctx;
  ctx.write(".dockerignore", "Dockerfile\n");
  auto df = ctx.write("Dockerfile", "FROM " + arm + "\nRUN echo built\n");

  auto r = drydock({"lint", "--local-images", "--format", "json", "--fail-on", "error", df.string()});
  ASSERT_EQ(r.status, 1) << r.out << r.err;
  auto findings = nlohmann::json::parse(r.out)["findings"];
  int hits = 0;
  for (const auto& f : findings) {
    if (f["rule"] != "DD1142") continue;
    ++hits;
    EXPECT_EQ(f["category"], "arch-mismatch");
    EXPECT_EQ(f["location"]["line"], 1);
    EXPECT_NE(f["message"].get<std::string>().find("the local image is linux/arm64, the build is for " + host),
              std::string::npos)
        << f["message"];
    EXPECT_NE(f["fix"].get<std::string>().find("docker pull --platform " + host), std::string::npos) << f["fix"];
  }
  EXPECT_EQ(hits, 1) << r.out;

  // The engine agrees: the classic builder starts from the arm64 image and
  // the first RUN cannot execute.
  auto build = docker({"build", "-t", "drydock-test/platform-mismatch", ctx.path().string()});
  docker({"rmi", "-f", "drydock-test/platform-mismatch"});
  EXPECT_NE(build.status, 0) << build.out << build.err;
  EXPECT_NE((build.out + build.err).find("exec format error"), std::string::npos) << build.out << build.err;

  // Asked for arm64, the same file is fine; so is a native base.
  r = drydock({"lint", "--local-images", "--platform", "linux/arm64", "--format", "json", "--fail-on", "none",
               df.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("DD1142"), std::string::npos) << r.out;
  ctx.write("Dockerfile", "FROM " + native + "\nRUN echo built\n");
  r = drydock({"lint", "--local-images", "--format", "json", "--fail-on", "none", df.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("DD1142"), std::string::npos) << r.out;
  // Without --local-images nothing asks the engine.
  ctx.write("Dockerfile", "FROM " + arm + "\nRUN echo built\n");
  r = drydock({"lint", "--format", "json", "--fail-on", "none", df.string()});
  EXPECT_EQ(r.out.find("DD1142"), std::string::npos) << r.out;
}

TEST(BaseImagePlatformLive, UnreachableEngineIsOneLineExitTwo) {
  TempDir dir;
  auto df = dir.write("Dockerfile", "FROM alpine:3.20\n");
  auto r = drydock({"lint", "--local-images", df.string()}, {"DOCKER_HOST=unix://" + (dir.path() / "no.sock").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("cannot reach the Docker engine"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace dd::test
