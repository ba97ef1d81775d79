// `drydock k8s preflight` on the real engine: the playbook's "works locally,
// fails in Kubernetes" scenario (a Node-style start that creates /app/.npm
// under a read-only root as a non-root user), its fix, and the cleanup on
// SIGTERM and SIGINT.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "helpers/docker_images.h"
#include "helpers/helpers.h"

extern char** environ;

namespace dd::test {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& h, const std::string& n) { return h.find(n) != std::string::npos; }

// The app: what `npm start` does first is create its cache under $HOME/.npm;
// then it serves on $PORT.
const char* kStart =
    "#!/bin/sh\n"
    "set -e\n"
    "mkdir -p \"$HOME/.npm/_cacache\"\n"
    "echo \"server listening on port $PORT ($GREETING)\"\n"
    "exec httpd -f -p \"$PORT\" -h /app/public\n";

std::string manifest(const std::string& image, bool with_npm_volume) {
  std::string npm_mount = with_npm_volume ? "            - {name: npm-cache, mountPath: /app/.npm}\n" : "";
  std::string npm_volume = with_npm_volume ? "        - {name: npm-cache, emptyDir: {sizeLimit: 16Mi}}\n" : "";
  return "apiVersion: v1\n"
         "kind: ConfigMap\n"
         "metadata: {name: web-config, namespace: shop}\n"
         "data:\n"
         "  app.conf: |\n"
         "    listen=8080\n"
         "  LOG_LEVEL: info\n"
         "---\n"
         "apiVersion: v1\n"
         "kind: Secret\n"
         "metadata: {name: web-secret, namespace: shop}\n"
         "type: Opaque\n"
         "stringData:\n"
         "  DB_PASSWORD: Hunter2-preflight-s3cret\n"
         "---\n"
         "apiVersion: apps/v1\n"
         "kind: Deployment\n"
         "metadata: {name: web, namespace: shop}\n"
         "spec:\n"
         "  selector: {matchLabels: {app: web}}\n"
         "  template:\n"
         "    metadata: {labels: {app: web}}\n"
         "    spec:\n"
         "      securityContext: {runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 2000}\n"
         "      containers:\n"
         "        - name: web\n"
         "          image: " + image + "\n"
         "          ports: [{name: http, containerPort: 8080}]\n"
         "          env:\n"
         "            - {name: PORT, value: \"8080\"}\n"
         "            - name: LOG_LEVEL\n"
         "              valueFrom: {configMapKeyRef: {name: web-config, key: LOG_LEVEL}}\n"
         "            - name: DB_PASSWORD\n"
         "              valueFrom: {secretKeyRef: {name: web-secret, key: DB_PASSWORD}}\n"
         "            - {name: GREETING, value: \"log level $(LOG_LEVEL)\"}\n"
         "          resources: {limits: {memory: 64Mi, cpu: 500m}}\n"
         "          securityContext:\n"
         "            readOnlyRootFilesystem: true\n"
         "            allowPrivilegeEscalation: false\n"
         "            capabilities: {drop: [ALL]}\n"
         // The ConfigMap file as the kubelet writes it: defaultMode 0400
         // plus group read for fsGroup 2000, through the ..data symlink.
         "          startupProbe:\n"
         "            exec: {command: [sh, -c, 'test \"$(stat -L -c %a:%g /etc/web/app.conf)\" = 440:2000 && "
         "grep -q listen=8080 /etc/web-extra/app.conf && test \"$(id -u):$(id -G)\" = \"1000:1000 2000\"']}\n"
         "            periodSeconds: 1\n"
         "            failureThreshold: 5\n"
         "          readinessProbe: {httpGet: {path: /, port: http}, periodSeconds: 1}\n"
         "          livenessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}\n"
         "          volumeMounts:\n"
         "            - {name: config, mountPath: /etc/web}\n"
         "            - {name: config, mountPath: /etc/web-extra/app.conf, subPath: app.conf}\n" +
         npm_mount +
         "      volumes:\n"
         "        - {name: config, configMap: {name: web-config, defaultMode: 0400}}\n" +
         npm_volume;
}

class Preflight : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!engine_available()) return;
    std::string base = busybox_image();
    if (base.empty()) return;
    TempDir dir;
    auto start = dir.write("app/start.sh", kStart);
    fs::permissions(start, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
    dir.write("app/public/index.html", "<h1>ok</h1>\n");
    dir.write("Dockerfile", "FROM " + base + "\nENV HOME=/app\nCOPY app /app\nCMD [\"/app/start.sh\"]\n");
    if (docker_build(dir.path(), kImage)) image_ = kImage;
  }
  static void TearDownTestSuite() {
    if (!image_.empty()) docker({"rmi", "-f", image_});
  }
  void SetUp() override {
    if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
    ASSERT_FALSE(image_.empty()) << "could not build the test image " << kImage;
  }
  // Containers and volumes a preflight of process `pid` left behind.
  static std::string leftovers(int pid) {
    std::string filter = "label=io.drydock.preflight.pid=" + std::to_string(pid);
    auto c = docker({"ps", "-aq", "--filter", filter});
    auto v = docker({"volume", "ls", "-q", "--filter", filter});
    std::string out = c.out + v.out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::temp_directory_path(), ec))
      if (e.path().filename().string().rfind("drydock-preflight-" + std::to_string(pid) + "-", 0) == 0)
        out += e.path().string() + "\n";
    return out;
  }
  static constexpr const char* kImage = "drydock-test/k8s-preflight-npm:1";
  static std::string image_;
};
std::string Preflight::image_;

TEST_F(Preflight, ReadOnlyRootReproducesTheNpmCacheFailureAndGivesTheEmptyDir) {
  TempDir dir;
  auto m = dir.write("web.yaml", manifest(image_, false));
  auto r = drydock({"k8s", "preflight", m.string(), "--timeout", "20s", "--format", "json"});
  ASSERT_EQ(r.status, 1) << r.err << r.out;
  EXPECT_FALSE(contains(r.out, "Hunter2-preflight-s3cret")) << r.out;
  auto j = nlohmann::json::parse(r.out);
  const nlohmann::json* rofs = nullptr;
  for (const auto& f : j["findings"])
    if (f["rule"] == "DD5205") rofs = &f;
  ASSERT_NE(rofs, nullptr) << r.out;
  const auto& f = *rofs;
  EXPECT_EQ(f["category"], "read-only-filesystem");
  EXPECT_EQ(f["location"]["resource"], "Deployment/shop/web");
  EXPECT_EQ(f["location"]["container"], "web");
  EXPECT_TRUE(contains(f["evidence"].get<std::string>(), "/app/.npm")) << f.dump();
  EXPECT_TRUE(contains(f["evidence"].get<std::string>(), "Read-only file system")) << f.dump();
  std::string fix = f["fix"].get<std::string>();
  // The fix is the YAML to paste, in the pod's words.
  EXPECT_TRUE(contains(fix, "mountPath: /app/.npm")) << fix;
  EXPECT_TRUE(contains(fix, "emptyDir: {}")) << fix;
  EXPECT_FALSE(contains(fix, "docker run")) << fix;
  const auto& run = j["preflight"];
  EXPECT_EQ(run["ran"], true);
  EXPECT_EQ(run["exited"], true);
  EXPECT_EQ(run["exit_code"], 1);
  EXPECT_EQ(run["user"], "1000:1000");
  EXPECT_EQ(run["read_only_root"], true);
  EXPECT_EQ(run["memory"], 64 << 20);
}

TEST_F(Preflight, WithTheEmptyDirTheAppStartsAndEveryProbePasses) {
  TempDir dir;
  auto m = dir.write("web.yaml", manifest(image_, true));
  auto r = drydock({"k8s", "preflight", m.string(), "--timeout", "6s", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_FALSE(contains(r.out, "Hunter2-preflight-s3cret")) << r.out;
  auto j = nlohmann::json::parse(r.out);
  for (const auto& f : j["findings"]) EXPECT_NE(f["severity"], "error") << f.dump();
  const auto& run = j["preflight"];
  EXPECT_EQ(run["exited"], false) << run.dump();
  EXPECT_EQ(run["stopped_by"], "timeout");
  ASSERT_EQ(run["probes"].size(), 3u) << run.dump();
  for (const auto& p : run["probes"]) {
    EXPECT_FALSE(p.contains("not_run")) << p.dump();
    EXPECT_GE(p["successes"].get<int>(), 1) << p.dump();
  }
  EXPECT_EQ(run["probes"][1]["target"], "tcp 127.0.0.1:8080");
  EXPECT_EQ(run["probes"][2]["target"], "GET http://127.0.0.1:8080/");
  // Text output: the run described before the findings.
  auto t = drydock({"k8s", "preflight", m.string(), "--timeout", "3s"});
  EXPECT_EQ(t.status, 0) << t.err;
  EXPECT_TRUE(contains(t.out, "Preflight of Deployment/shop/web container web")) << t.out;
  EXPECT_TRUE(contains(t.out, "tmpfs: /app/.npm")) << t.out;
}

TEST_F(Preflight, LivenessThatNeverAnswersWouldRestartTheContainer) {
  TempDir dir;
  std::string y = manifest(image_, true);
  const std::string live = "livenessProbe: {tcpSocket: {port: 8080}";
  y.replace(y.find(live), live.size(), "livenessProbe: {tcpSocket: {port: 9090}");
  auto m = dir.write("web.yaml", y);
  auto r = drydock({"k8s", "preflight", m.string(), "--timeout", "20s", "--format", "json"});
  ASSERT_EQ(r.status, 1) << r.err << r.out;
  auto j = nlohmann::json::parse(r.out);
  bool probe = false;
  for (const auto& f : j["findings"])
    if (f["rule"] == "DD6509") {
      probe = true;
      EXPECT_TRUE(contains(f["message"].get<std::string>(), "tcp 127.0.0.1:9090")) << f.dump();
      EXPECT_GT(f["location"]["line"].get<int>(), 0);
    }
  EXPECT_TRUE(probe) << r.out;
  EXPECT_EQ(j["preflight"]["stopped_by"], "probe");
}

TEST_F(Preflight, RunAsNonRootWithARootImageIsRefusedWithoutRunning) {
  TempDir dir;
  std::string y = manifest(image_, true);
  const std::string user = "runAsUser: 1000, runAsGroup: 1000, ";
  y.replace(y.find(user), user.size(), "");
  auto m = dir.write("web.yaml", y);
  auto r = drydock({"k8s", "preflight", m.string(), "--format", "json"});
  ASSERT_EQ(r.status, 1) << r.err << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j["findings"].empty());
  EXPECT_EQ(j["findings"][0]["rule"], "DD6503") << r.out;
  EXPECT_EQ(j["preflight"]["ran"], false);
}

TEST_F(Preflight, BadInputIsOneLineAndExitTwo) {
  TempDir dir;
  auto m = dir.write("web.yaml", manifest("drydock-test/k8s-preflight-no-such-image:9", true));
  auto r = drydock({"k8s", "preflight", m.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "not in the local engine")) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  auto t = drydock({"k8s", "preflight", m.string(), "--timeout", "soon"});
  EXPECT_EQ(t.status, 2);
  EXPECT_TRUE(contains(t.err, "--timeout")) << t.err;
}

// SIGTERM (what `docker stop` or a CI cancel sends) and SIGINT (Ctrl-C) in
// the middle of a run: the container, the ConfigMap volume and the host
// folder of the subPath file are all removed.
TEST_F(Preflight, SignalsRemoveEverythingItMade) {
  TempDir dir;
  auto m = dir.write("web.yaml", manifest(image_, true));
  for (int sig : {SIGTERM, SIGINT}) {
    std::string bin = drydock_binary();
    std::vector<std::string> args{bin, "k8s", "preflight", m.string(), "--timeout", "120s", "--format", "json"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    auto out = dir.path() / "out.txt";
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    auto err = dir.path() / "err.txt";
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, bin.c_str(), &fa, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    // Wait until its container runs.
    std::string filter = "label=io.drydock.preflight.pid=" + std::to_string(pid);
    bool running = false;
    for (int i = 0; i < 300 && !running; ++i) {
      running = !docker({"ps", "-q", "--filter", filter, "--filter", "name=drydock-preflight-"}).out.empty();
      if (!running) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(running) << read_text(err);
    EXPECT_FALSE(leftovers(pid).empty());  // the volume and the subPath folder exist while it runs
    ::kill(pid, sig);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status)) << "killed by the signal instead of cleaning up";
    EXPECT_EQ(WEXITSTATUS(status), 2);
    std::string e = read_text(err);
    EXPECT_TRUE(contains(e, sig == SIGTERM ? "interrupted by SIGTERM" : "interrupted by SIGINT")) << e;
    EXPECT_EQ(leftovers(pid), "") << "left behind after signal " << sig;
  }
}

}  // namespace
}  // namespace dd::test
