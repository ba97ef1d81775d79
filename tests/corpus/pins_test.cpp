// Pins for last session's accuracy fixes (issue 13), through the binary as a
// user runs it: each test fails if the wrong finding comes back.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corpus_util.h"
#include "helpers.h"
#include "helpers/docker_images.h"

namespace dd::test {
namespace {

namespace fs = std::filesystem;

nlohmann::json findings(const RunResult& r) {
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  return j.is_discarded() ? nlohmann::json::array() : j["findings"];
}

nlohmann::json lint_text(const TempDir& d, const std::string& dockerfile) {
  auto p = d.write("Dockerfile", dockerfile);
  auto r = drydock({"lint", "--no-context", "--fail-on", "none", "-f", "json", p.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  return findings(r);
}

std::vector<nlohmann::json> of_rule(const nlohmann::json& fs, const std::string& rule) {
  std::vector<nlohmann::json> out;
  for (const auto& f : fs)
    if (f.value("rule", "") == rule) out.push_back(f);
  return out;
}

// A jq template that generates Dockerfiles (docker-library/php's) is one
// "not a Dockerfile" finding, not one parse error per line.
TEST(Pins, JqTemplateIsOneNotADockerfileFinding) {
  fs::path tpl = corpus_dockerfiles() / "docker-library+php" / "Dockerfile-linux.template";
  if (!fs::exists(tpl)) GTEST_SKIP() << "no corpus template at " << tpl;
  auto r = drydock({"lint", "--no-context", "-f", "json", tpl.string()});
  EXPECT_EQ(r.status, 0) << "a template is info, not a failure: " << r.err;
  auto fs = findings(r);
  ASSERT_EQ(fs.size(), 1u) << fs.dump(1);
  EXPECT_EQ(fs[0]["rule"], "DD0002");
  EXPECT_EQ(fs[0]["severity"], "info");

  // Prose that quotes instructions (a manual page named Dockerfile.5.md):
  // one finding too.
  TempDir d;
  std::string page = "% DOCKERFILE 5\n\n# NAME\n\nDockerfile - automate the steps of creating a Docker image\n\n";
  for (int i = 0; i < 20; ++i) page += "The **Dockerfile** describes step " + std::to_string(i) + " of the build.\n";
  page += "  FROM image\n  RUN make\n";
  auto m = lint_text(d, page);
  ASSERT_EQ(m.size(), 1u) << m.dump(1);
  EXPECT_EQ(m[0]["rule"], "DD0002");
}

// Windows bases: USER ContainerUser, never useradd; nanoserver already runs
// as ContainerUser.
TEST(Pins, WindowsBasesGetTheWindowsUser) {
  TempDir d;
  for (const char* base : {"mcr.microsoft.com/windows/servercore:ltsc2022", "microsoft/windowsservercore"}) {
    auto f = of_rule(lint_text(d, std::string("FROM ") + base + "\nSHELL [\"powershell\", \"-Command\"]\nCMD [\"app.exe\"]\n"),
                     "DD2050");
    ASSERT_EQ(f.size(), 1u) << base;
    EXPECT_EQ(f[0]["fix"], "USER ContainerUser") << base;
    EXPECT_EQ(f[0]["fix"].get<std::string>().find("useradd"), std::string::npos);
  }
  EXPECT_TRUE(of_rule(lint_text(d, "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD [\"app.exe\"]\n"), "DD2050").empty());
  // and a Linux base still gets the Linux fix
  auto l = of_rule(lint_text(d, "FROM debian:bookworm-slim\nCMD [\"/app\"]\n"), "DD2050");
  ASSERT_EQ(l.size(), 1u);
  EXPECT_NE(l[0]["fix"].get<std::string>().find("useradd"), std::string::npos);
}

// A download that a later layer deletes still ships (DD2026).
TEST(Pins, DownloadDeletedInALaterLayerStillShips) {
  TempDir d;
  auto f = of_rule(lint_text(d, "FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/node.tar.xz https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-x64.tar.xz\n"
                                "RUN tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1\nRUN rm /tmp/node.tar.xz\n"),
                   "DD2026");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["location"]["line"], 4);
  EXPECT_EQ(f[0]["category"], "image-bloat");
  EXPECT_TRUE(of_rule(lint_text(d, "FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/n.tar.xz https://e.org/n.tar.xz && "
                                   "tar -xJf /tmp/n.tar.xz -C /usr/local && rm /tmp/n.tar.xz\n"),
                      "DD2026")
                  .empty());
}

// diagnose: 10.127.0.5 is a remote address, not "the container itself" (the
// old localhost test was a substring match); 127.0.0.1 still is.
TEST(Pins, TenDotOneTwoSevenIsNotLoopbackInDiagnose) {
  fs::path fixture = source_dir() / "tests" / "fixtures" / "runtime" / "localhost.json";
  ASSERT_TRUE(fs::exists(fixture));
  std::string json = read_text(fixture);
  TempDir d;
  std::string remote = std::regex_replace(std::regex_replace(json, std::regex("localhost:5432"), "10.127.0.5:5432"),
                                          std::regex("127\\.0\\.0\\.1:5432"), "10.127.0.5:5432");
  ASSERT_NE(remote, json);
  auto state = d.write("inspect.json", remote);
  auto logs = d.write("logs.txt", "wget: can't connect to remote host (10.127.0.5): Connection refused\n");
  auto r = drydock({"diagnose", state.string(), "--logs", logs.string(), "-f", "json", "--fail-on", "none"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto fs = findings(r);
  EXPECT_FALSE(fs.empty()) << "the refused connection is still explained";
  for (const auto& f : fs) {
    EXPECT_NE(f["rule"], "DD5211") << f.dump();
    for (const char* k : {"message", "root_cause", "fix"})
      EXPECT_EQ(f.value(k, "").find("container itself"), std::string::npos) << f.dump();
  }
  // the control: the same state on 127.0.0.1 is the container itself
  auto local = drydock({"diagnose", fixture.string(), "--logs",
                        (source_dir() / "tests" / "fixtures" / "runtime" / "localhost.log").string(), "-f", "json",
                        "--fail-on", "none"});
  EXPECT_EQ(of_rule(findings(local), "DD5211").size(), 1u) << local.out;
}

// diagnose on the live engine: a container whose table server daemonized
// (mongod --fork, gunicorn -D) and exited 0 is explained by that flag, not by
// the generic exit-0 finding.
TEST(Pins, DiagnoseNamesTheDaemonizeFlagOfALiveContainer) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  std::string base = busybox_image();
  ASSERT_FALSE(base.empty()) << "could not build the busybox test image";
  // Stand-ins that do what the real servers do with these flags: fork and
  // let the foreground process exit 0.
  TempDir ctx;
  ctx.write("fork.sh", "#!/bin/sh\n# forks into the background: the foreground process exits 0\nexit 0\n");
  ctx.write("Dockerfile", "FROM " + base + "\nCOPY fork.sh /usr/local/bin/mongod\nCOPY fork.sh /usr/local/bin/gunicorn\n"
                          "RUN chmod 755 /usr/local/bin/mongod /usr/local/bin/gunicorn\n");
  const std::string tag = "drydock-test/acc-daemonize:1";
  ASSERT_TRUE(docker_build(ctx.path(), tag));
  struct Case {
    std::vector<std::string> cmd;
    std::string flag;
  } cases[] = {{{"mongod", "--fork", "--logpath", "/var/log/mongod.log"}, "--fork"},
               {{"gunicorn", "-D", "app:app"}, "-D"}};
  for (const auto& c : cases) {
    Container ct("acc-daemon");
    std::vector<std::string> args = {tag};
    args.insert(args.end(), c.cmd.begin(), c.cmd.end());
    ct.run(args);
    ASSERT_EQ(ct.wait_exit(60), 0) << ct.logs();
    auto r = drydock({"diagnose", ct.name(), "-f", "json", "--fail-on", "none"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto fs = findings(r);
    bool named = false;
    for (const auto& f : fs)
      if (f.value("category", "") == "exits-immediately" && f.value("message", "").find(c.flag) != std::string::npos)
        named = true;
    EXPECT_TRUE(named) << c.flag << " not named in " << fs.dump(1);
    EXPECT_TRUE(of_rule(fs, "DD5001").empty()) << "the generic exit-0 finding is explained: " << fs.dump(1);
  }
}

}  // namespace
}  // namespace dd::test
