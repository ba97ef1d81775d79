// --local-images against the real engine: what the rules predict from the
// images the engine holds is what the engine then does.
//  - DD1142: a build FROM a local image of another architecture fails at its
//    first RUN with "exec format error";
//  - DD2051/DD2050: a user is found in the base's own /etc/passwd, and the
//    base's configured user is kept;
//  - DD2042: a HEALTHCHECK tool the base lacks makes the container unhealthy;
//  - DD2014: a start program off the PATH makes the container exit with 127.
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

std::vector<std::string> probes_left() {
  auto r = docker({"ps", "-a", "-q", "--filter", "label=org.drydock.probe"});
  std::vector<std::string> ids;
  std::string line;
  for (char c : r.out) {
    if (c == '\n') {
      if (!line.empty()) ids.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  return ids;
}

// drydock lint --no-context --format json, with or without --local-images.
RunResult lint_json(const std::filesystem::path& df, bool local_images) {
  std::vector<std::string> args = {"lint", "--no-context", "--format", "json", "--fail-on", "none", df.string()};
  if (local_images) args.insert(args.begin() + 1, "--local-images");
  return drydock(args);
}

std::vector<std::string> rules_found(const RunResult& r) {
  std::vector<std::string> ids;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (!j.is_object()) return {"unparsable: " + r.out + r.err};
  for (const auto& f : j["findings"]) ids.push_back(f["rule"].get<std::string>());
  return ids;
}

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(LocalImagesLive, UsersAndHealthcheckToolsComeFromTheRealBase) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const std::string busybox = busybox_image();
  ASSERT_FALSE(busybox.empty()) << "could not build the busybox test image";
  // A company base: a user of its own, configured to run as it.
  TempDir basedir;
  basedir.write("Dockerfile", "FROM " + busybox +
                                  "\nRUN echo 'app:x:1234:1234::/tmp:/bin/sh' >> /etc/passwd\nUSER app\n"
                                  "HEALTHCHECK CMD true\n");
  const std::string base = "drydock-test/base-with-user:1";
  ASSERT_TRUE(docker_build(basedir.path(), base));

  TempDir ctx;
  auto df = ctx.write("Dockerfile", "FROM " + base + "\nUSER app\nCMD [\"sleep\", \"300\"]\n");
  // Guessing, the user looks never created; the real base has it.
  auto guess = lint_json(df, false);
  EXPECT_TRUE(has(rules_found(guess), "DD2051")) << guess.out;
  auto real = lint_json(df, true);
  EXPECT_FALSE(has(rules_found(real), "DD2051")) << real.out;
  {
    Container c("user-of-base");
    c.run({"--user", "app", base, "id", "-u"});
    EXPECT_EQ(c.wait_exit(60), 0);
    EXPECT_NE(c.logs().find("1234"), std::string::npos) << c.logs();
  }
  // A user the base does not have: predicted, and the engine refuses to start.
  ctx.write("Dockerfile", "FROM " + base + "\nUSER web\nCMD [\"sleep\", \"300\"]\n");
  real = lint_json(df, true);
  EXPECT_TRUE(has(rules_found(real), "DD2051")) << real.out;
  {
    Container c("user-not-in-base");
    auto r = c.run({"--user", "web", base, "id", "-u"});
    EXPECT_NE(r.status, 0);
    EXPECT_NE((r.out + r.err).find("unable to find user web"), std::string::npos) << r.out << r.err;
  }
  // No USER at all: the base's own user still applies.
  ctx.write("Dockerfile", "FROM " + base + "\nCMD [\"sleep\", \"300\"]\n");
  real = lint_json(df, true);
  EXPECT_FALSE(has(rules_found(real), "DD2050")) << real.out;

  // busybox has wget but no curl: a curl health check is predicted to fail,
  // and the engine marks the container unhealthy.
  ctx.write("Dockerfile", "FROM " + base + "\nEXPOSE 8080\nCMD [\"sleep\", \"300\"]\n"
                          "HEALTHCHECK CMD curl -f http://127.0.0.1:8080/ || exit 1\n");
  real = lint_json(df, true);
  EXPECT_TRUE(has(rules_found(real), "DD2042")) << real.out;
  ctx.write("Dockerfile", "FROM " + base + "\nEXPOSE 8080\nCMD [\"sleep\", \"300\"]\n"
                          "HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/ || exit 1\n");
  real = lint_json(df, true);
  EXPECT_FALSE(has(rules_found(real), "DD2042")) << real.out;
  {
    Container c("curl-health");
    c.run({"--health-cmd", "curl -f http://127.0.0.1:8080/ || exit 1", "--health-interval", "1s", "--health-retries",
           "1", base, "sleep", "60"});
    EXPECT_TRUE(c.wait_health("unhealthy", 30)) << c.inspect_json();
  }
  // The base's own HEALTHCHECK is inherited: a service without one is fine.
  ctx.write("Dockerfile", "FROM " + base + "\nEXPOSE 8080\nCMD [\"httpd\", \"-f\", \"-p\", \"8080\"]\n");
  guess = lint_json(df, false);
  EXPECT_TRUE(has(rules_found(guess), "DD2040")) << guess.out;
  real = lint_json(df, true);
  EXPECT_FALSE(has(rules_found(real), "DD2040")) << real.out;
  // The base's environment, as BuildKit reads it from the image config.
  ctx.write("Dockerfile", "FROM " + base + "\nENV A=$APP_ROOT/x B=$PATH:/x\nCMD [\"sleep\", \"300\"]\n");
  real = lint_json(df, true);
  auto j = nlohmann::json::parse(real.out);
  int undefined = 0;
  for (const auto& f : j["findings"])
    if (f["rule"] == "DD1011") {
      ++undefined;
      EXPECT_NE(f["message"].get<std::string>().find("$APP_ROOT"), std::string::npos) << f;
    }
  EXPECT_EQ(undefined, 1) << real.out;
  docker({"rmi", "-f", base});
  // The containers drydock made to look inside the images are gone.
  EXPECT_TRUE(probes_left().empty());
}

TEST(LocalImagesLive, StartProgramOffThePathExitsAsPredicted) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const std::string busybox = busybox_image();
  ASSERT_FALSE(busybox.empty()) << "could not build the busybox test image";
  TempDir ctx;
  ctx.write(".dockerignore", "Dockerfile\n");
  const std::string build_stage = "FROM " + busybox + " AS build\n"
                                  "RUN mkdir -p /venv/bin && printf '#!/bin/sh\\necho serving\\n' > /venv/bin/serve "
                                  "&& chmod +x /venv/bin/serve\n"
                                  "FROM " + busybox + "\n"
                                  "COPY --from=build /venv /venv\n";
  for (const bool fixed : {false, true}) {
    auto df = ctx.write("Dockerfile", build_stage + (fixed ? "ENV PATH=/venv/bin:$PATH\n" : "") + "CMD [\"serve\"]\n");
    auto r = drydock({"lint", "--local-images", "--format", "json", "--fail-on", "none", df.string()});
    const bool predicted = has(rules_found(r), "DD2014");
    const std::string image = std::string("drydock-test/start-program-") + (fixed ? "fixed" : "missing");
    ASSERT_TRUE(docker_build(ctx.path(), image)) << "docker build failed";
    Container c(fixed ? "start-fixed" : "start-missing");
    auto run = c.run({image});
    const int code = c.wait_exit(60);
    const std::string said = run.out + run.err + c.logs();
    docker({"rmi", "-f", image});
    if (fixed) {
      EXPECT_FALSE(predicted) << r.out;
      EXPECT_EQ(code, 0) << said;
      EXPECT_NE(said.find("serving"), std::string::npos) << said;
    } else {
      EXPECT_TRUE(predicted) << r.out;
      EXPECT_NE(code, 0) << said;
      EXPECT_NE(said.find("executable file not found"), std::string::npos) << said;
    }
  }
  EXPECT_TRUE(probes_left().empty());
}

TEST(LocalImagesLive, EndOfLifeInsideACompanyBase) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const std::string busybox = busybox_image();
  ASSERT_FALSE(busybox.empty()) << "could not build the busybox test image";
  // A base whose tag says nothing, built on an old alpine, and one on Python 3.8.
  TempDir basedir;
  basedir.write("os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.16.9\n");
  basedir.write("Dockerfile", "FROM " + busybox + "\nCOPY os-release /etc/os-release\nENV PYTHON_VERSION=3.8.18\n");
  const std::string base = "drydock-test/company-base:7";
  ASSERT_TRUE(docker_build(basedir.path(), base));
  TempDir ctx;
  auto df = ctx.write("Dockerfile", "FROM " + base + "\nUSER nobody\n");
  auto guess = lint_json(df, false);
  EXPECT_FALSE(has(rules_found(guess), "DD2072")) << guess.out;
  auto real = lint_json(df, true);
  docker({"rmi", "-f", base});
  auto j = nlohmann::json::parse(real.out);
  int eol = 0;
  for (const auto& f : j["findings"])
    if (f["rule"] == "DD2072") {
      ++eol;
      EXPECT_NE(f["message"].get<std::string>().find("alpine 3.16.9 (its /etc/os-release)"), std::string::npos) << f;
    }
  EXPECT_EQ(eol, 1) << real.out;
  // The bookworm image made by debootstrap is current.
  const std::string debian = debian_image();
  if (!debian.empty()) {
    ctx.write("Dockerfile", "FROM " + debian + "\nUSER nobody\n");
    real = lint_json(df, true);
    EXPECT_FALSE(has(rules_found(real), "DD2072")) << real.out;
  }
  EXPECT_TRUE(probes_left().empty());
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
