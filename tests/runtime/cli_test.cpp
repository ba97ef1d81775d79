// `drydock diagnose` and `drydock watch` through the binary.
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "helpers/docker_images.h"
#include "runtime_test.h"

namespace dd::test {
namespace {

int lines_of(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(DiagnoseCli, SavedInspectAndLogsAsJson) {
  auto r = drydock({"diagnose", runtime_fixture("oom.json").string(), "--logs", runtime_fixture("oom.log").string(),
                    "--format", "json"});
  EXPECT_EQ(r.status, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j["findings"].empty());
  EXPECT_EQ(j["findings"][0]["category"], "oom-killed");
  EXPECT_EQ(j["findings"][0]["location"]["container"], "drydock-fixture-oom");
  EXPECT_EQ(j["findings"][0]["location"]["field"], "State.ExitCode");
  EXPECT_EQ(j["containers"][0]["exit_code"], 137);
  EXPECT_GE(j["summary"]["error"].get<int>(), 1);
}

TEST(DiagnoseCli, TextNamesTheCauseAndFailOnNoneExitsZero) {
  auto r = drydock({"diagnose", runtime_fixture("missing-env.json").string(), "--logs",
                    runtime_fixture("missing-env.log").string(), "--fail-on", "none", "--no-color"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "DD5212")) << r.out;
  EXPECT_TRUE(contains(r.out, "DB_HOST")) << r.out;
  EXPECT_TRUE(contains(r.out, "[config-missing]")) << r.out;
}

TEST(DiagnoseCli, SarifIsProduced) {
  auto r = drydock({"diagnose", runtime_fixture("segv.json").string(), "--format", "sarif"});
  EXPECT_EQ(r.status, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["version"], "2.1.0");
}

TEST(DiagnoseCli, SecretsNeverPrinted) {
  for (const char* fmt : {"text", "json", "sarif", "codeclimate", "checkstyle"}) {
    auto r = drydock({"diagnose", runtime_fixture("localhost.json").string(), "--logs",
                      runtime_fixture("localhost.log").string(), "--format", fmt});
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_FALSE(contains(r.out + r.err, "s3cretpassw0rd")) << fmt;
    EXPECT_TRUE(contains(r.out, "DD5211")) << fmt;
  }
}

TEST(DiagnoseCli, BadInputExitsTwoWithOneLine) {
  TempDir dir;
  auto bad = dir.write("bad.json", "{\"State\": {");
  auto r = drydock({"diagnose", bad.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(lines_of(r.err), 1) << r.err;
  EXPECT_TRUE(contains(r.err, "bad.json: malformed JSON")) << r.err;

  auto cut = dir.write("cut.log", std::string("\x01\x00\x00\x00\x00\x00\x01\x00partial", 15));
  r = drydock({"diagnose", runtime_fixture("oom.json").string(), "--logs", cut.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "truncated log stream")) << r.err;
  EXPECT_EQ(lines_of(r.err), 1) << r.err;

  r = drydock({"diagnose"});
  EXPECT_EQ(r.status, 2);
  r = drydock({"diagnose", runtime_fixture("oom.json").string(), "--tail", "-3"});
  EXPECT_EQ(r.status, 2);
}

TEST(DiagnoseCli, UnreachableEngineSaysWhatToDo) {
  auto r = drydock({"diagnose", "web"}, {"DOCKER_HOST=unix:///nonexistent/docker.sock"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "drydock: cannot reach the Docker engine at /nonexistent/docker.sock: no such file; start dockerd or set "
            "DOCKER_HOST\n");
  r = drydock({"diagnose", "web"}, {"DOCKER_HOST=tcp://192.0.2.10:2375"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "only a loopback tcp:// host")) << r.err;
  r = drydock({"watch", "--timeout", "1"}, {"DOCKER_HOST=unix:///nonexistent/docker.sock"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(lines_of(r.err), 1) << r.err;
}

TEST(DiagnoseCliLive, UnknownContainer) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  auto r = drydock({"diagnose", "drydock-test-there-is-no-such-container"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "drydock: no such container: drydock-test-there-is-no-such-container\n");
}

TEST(DiagnoseCliLive, AllCoversExitedContainers) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  std::string img = busybox_image();
  ASSERT_FALSE(img.empty());
  Container c("all");
  c.run({img, "sh", "-c", "echo 'Error: Cannot find module '\"'\"'express'\"'\"''; exit 1"});
  ASSERT_EQ(c.wait_exit(), 1);
  auto r = drydock({"diagnose", "--all", "--format", "json", "--fail-on", "none"});
  EXPECT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  bool seen = false;
  for (const auto& f : j["findings"])
    if (f["location"]["container"] == c.name()) {
      seen = true;
      EXPECT_EQ(f["category"], "missing-dependency");
      EXPECT_EQ(f["evidence"], "Error: Cannot find module 'express'");
    }
  EXPECT_TRUE(seen) << r.out;
}

TEST(WatchCli, DiagnosesAContainerDyingAsItHappens) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  std::string img = busybox_image();
  ASSERT_FALSE(img.empty());
  Container c("watch");
  RunResult watch;
  std::thread t([&] { watch = drydock({"watch", "--max-events", "1", "--timeout", "60", "--format", "json"}); });
  // The container dies a few seconds after it starts, once watch listens.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  c.run({"--memory", "16m", "--memory-swap", "16m", img, "sh", "-c", "sleep 2; x=a; while true; do x=$x$x; done"});
  t.join();
  EXPECT_EQ(watch.status, 0) << watch.err;
  ASSERT_FALSE(watch.out.empty()) << watch.err;
  auto j = nlohmann::json::parse(watch.out.substr(0, watch.out.find('\n')));
  EXPECT_EQ(j["event"]["container"], c.name());
  bool oom = false;
  for (const auto& f : j["findings"]) oom = oom || f["category"] == "oom-killed";
  EXPECT_TRUE(oom) << watch.out;
}

TEST(WatchCli, InterruptExitsCleanly) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  auto r = run({"timeout", "--preserve-status", "-s", "INT", "2", drydock_binary(), "watch"});
  EXPECT_EQ(r.status, 0) << r.err;
  r = drydock({"watch", "--timeout", "1", "--format", "json"});
  EXPECT_EQ(r.status, 0) << r.err;
  // Other tests' containers may die in that second (ctest runs in
  // parallel): each line is then one complete JSON event, never a fragment.
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    ASSERT_TRUE(nlohmann::json::accept(line)) << line;
    EXPECT_TRUE(nlohmann::json::parse(line).contains("event")) << line;
  }
}

}  // namespace
}  // namespace dd::test
