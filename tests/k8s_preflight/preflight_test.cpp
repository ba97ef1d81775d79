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


// Nothing a preflight made is left on the engine or in the temporary folder.
std::string anything_left() {
  auto c = docker({"ps", "-aq", "--filter", "label=io.drydock.preflight"});
  auto v = docker({"volume", "ls", "-q", "--filter", "label=io.drydock.preflight"});
  std::string out = c.out + v.out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::temp_directory_path(), ec))
    if (e.path().filename().string().rfind("drydock-preflight-", 0) == 0) out += e.path().string() + "\n";
  return out;
}

// The whole pod: an init container that seeds the emptyDirs, a sidecar
// (initContainers with restartPolicy Always) serving in the pod's network
// namespace, the app container and a second app container beside it. The
// app's startup probe checks what the kubelet gives it: the init
// container's files through the shared emptyDir (whole and by subPath), the
// sidecar on 127.0.0.1, the Service env links and the service-account
// token. Its readiness probe needs the httpHeaders (basic auth) and host;
// its gRPC liveness probe cannot run here and says so at info.
std::string pod_manifest(const std::string& image) {
  return "apiVersion: v1\n"
         "kind: Service\n"
         "metadata: {name: orders-db, namespace: shop}\n"
         "spec:\n"
         "  clusterIP: 10.96.7.7\n"
         "  ports: [{name: pg, port: 5432}]\n"
         "---\n"
         "apiVersion: v1\n"
         "kind: Service\n"
         "metadata: {name: cache, namespace: shop}\n"
         "spec:\n"
         "  ports: [{port: 6379, protocol: TCP}]\n"
         "---\n"
         "apiVersion: v1\n"
         "kind: Service\n"
         "metadata: {name: elsewhere, namespace: other}\n"
         "spec:\n"
         "  ports: [{port: 80}]\n"
         "---\n"
         "apiVersion: v1\n"
         "kind: Pod\n"
         "metadata: {name: shop, namespace: shop}\n"
         "spec:\n"
         "  securityContext: {runAsUser: 1000, runAsGroup: 1000}\n"
         "  initContainers:\n"
         "    - name: seed\n"
         "      image: " + image + "\n"
         "      command: [sh, -c, 'echo seeded > /shared/seeded && echo from-init > /work/from-init && "
         "printf \"/:probe:s3cr3t-probe-pw\\n\" > /shared/auth.conf']\n"
         "      volumeMounts:\n"
         "        - {name: shared, mountPath: /shared}\n"
         "        - {name: work, mountPath: /work, subPath: init}\n"
         "    - name: proxy\n"
         "      image: " + image + "\n"
         "      restartPolicy: Always\n"
         "      command: [httpd, -f, -p, '9000', -h, /shared]\n"
         "      volumeMounts: [{name: shared, mountPath: /shared}]\n"
         "  containers:\n"
         "    - name: web\n"
         "      image: " + image + "\n"
         "      command: [httpd, -f, -p, '8080', -h, /app/public, -c, /shared/auth.conf]\n"
         "      ports: [{name: http, containerPort: 8080}, {name: grpc, containerPort: 9090}]\n"
         "      startupProbe:\n"
         "        exec:\n"
         "          command:\n"
         "            - sh\n"
         "            - -c\n"
         "            - >-\n"
         "              test \"$(cat /shared/seeded)\" = seeded &&\n"
         "              test \"$(cat /data/init/from-init)\" = from-init &&\n"
         "              wget -q -O - http://127.0.0.1:9000/seeded | grep -q seeded &&\n"
         "              test \"$ORDERS_DB_SERVICE_HOST:$ORDERS_DB_SERVICE_PORT\" = 10.96.7.7:5432 &&\n"
         "              test \"$ORDERS_DB_SERVICE_PORT_PG\" = 5432 &&\n"
         "              test \"$ORDERS_DB_PORT_5432_TCP\" = tcp://10.96.7.7:5432 &&\n"
         "              test -n \"$CACHE_SERVICE_HOST\" && test \"$CACHE_SERVICE_PORT\" = 6379 &&\n"
         "              test -z \"$ELSEWHERE_SERVICE_HOST\" &&\n"
         "              test \"$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT\" = 10.96.0.1:443 &&\n"
         "              test \"$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)\" = shop &&\n"
         "              test -s /var/run/secrets/kubernetes.io/serviceaccount/token &&\n"
         "              test -e /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n"
         "        periodSeconds: 1\n"
         "        failureThreshold: 5\n"
         "      readinessProbe:\n"
         "        httpGet:\n"
         "          path: /index.html\n"
         "          port: http\n"
         "          host: 127.0.0.1\n"
         "          httpHeaders: [{name: Authorization, value: 'Basic cHJvYmU6czNjcjN0LXByb2JlLXB3'}]\n"
         "        periodSeconds: 1\n"
         "      livenessProbe: {grpc: {port: 9090}, periodSeconds: 1}\n"
         "      volumeMounts:\n"
         "        - {name: shared, mountPath: /shared}\n"
         "        - {name: work, mountPath: /data}\n"
         "    - name: metrics\n"
         "      image: " + image + "\n"
         "      command: [sh, -c, 'test -f /shared/seeded && exec sleep 600']\n"
         "      volumeMounts: [{name: shared, mountPath: /shared, readOnly: true}]\n"
         "  volumes:\n"
         "    - {name: shared, emptyDir: {}}\n"
         "    - {name: work, emptyDir: {}}\n";
}

TEST_F(Preflight, InitContainersSidecarsAndSharedEmptyDirsRunAsThePod) {
  TempDir dir;
  auto m = dir.write("pod.yaml", pod_manifest(image_));
  auto r = drydock({"k8s", "preflight", m.string(), "--container", "web", "--timeout", "8s", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  // The header's value is a credential: never printed.
  EXPECT_FALSE(contains(r.out, "cHJvYmU6czNjcjN0LXByb2JlLXB3")) << r.out;
  EXPECT_FALSE(contains(r.out + r.err, "s3cr3t-probe-pw")) << r.out;
  auto j = nlohmann::json::parse(r.out);
  const auto& run = j["preflight"];
  EXPECT_EQ(run["ran"], true) << run.dump();
  EXPECT_EQ(run["stopped_by"], "timeout") << run.dump();
  ASSERT_EQ(run["init_containers"].size(), 2u) << run.dump();
  EXPECT_EQ(run["init_containers"][0]["name"], "seed");
  EXPECT_EQ(run["init_containers"][0]["exit_code"], 0);
  EXPECT_EQ(run["init_containers"][1]["sidecar"], true);
  EXPECT_EQ(run["service_account_token"], true);
  ASSERT_EQ(run["probes"].size(), 3u) << run.dump();
  const auto& startup = run["probes"][0];
  EXPECT_FALSE(startup.contains("not_run")) << startup.dump();
  EXPECT_GE(startup["successes"].get<int>(), 1) << startup.dump();
  const auto& ready = run["probes"][2];
  EXPECT_EQ(ready["target"], "GET http://127.0.0.1:8080/index.html (headers Authorization)");
  EXPECT_GE(ready["successes"].get<int>(), 1) << ready.dump();
  EXPECT_EQ(ready["failures"].get<int>(), 0) << ready.dump();
  // The second app container ran beside it, reading the emptyDir the init container filled.
  bool metrics_running = false;
  for (const auto& c : run["containers"])
    if (c["name"] == "metrics") metrics_running = c.value("state", "") == "running";
  EXPECT_TRUE(metrics_running) << run.dump();
  // gRPC: not executed (the image has no grpc_health_probe), said at info, never as a failure.
  const auto& live = run["probes"][1];
  EXPECT_TRUE(contains(live.value("not_run", ""), "gRPC probe not executed")) << live.dump();
  bool grpc_info = false;
  for (const auto& f : j["findings"]) {
    EXPECT_NE(f["rule"], "DD6509") << f.dump();
    if (f["rule"] == "DD6511") {
      grpc_info = true;
      EXPECT_EQ(f["severity"], "info");
      EXPECT_GT(f["location"]["line"].get<int>(), 0);
    }
  }
  EXPECT_TRUE(grpc_info) << r.out;
  EXPECT_EQ(anything_left(), "");
}

// Without the header the same readiness probe gets 401: the header is what
// made it pass above.
TEST_F(Preflight, HttpHeadersAreSentAndAMissingOneFailsTheProbe) {
  TempDir dir;
  std::string y = pod_manifest(image_);
  const std::string h = "          httpHeaders: [{name: Authorization, value: 'Basic cHJvYmU6czNjcjN0LXByb2JlLXB3'}]\n";
  y.replace(y.find(h), h.size(), "");
  auto m = dir.write("pod.yaml", y);
  auto r = drydock({"k8s", "preflight", m.string(), "--container", "web", "--timeout", "6s", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err << r.out;  // a never-ready pod is a warning
  auto j = nlohmann::json::parse(r.out);
  const auto& ready = j["preflight"]["probes"][2];
  EXPECT_EQ(ready["successes"].get<int>(), 0) << ready.dump();
  EXPECT_GE(ready["failures"].get<int>(), 3) << ready.dump();
  bool never_ready = false;
  for (const auto& f : j["findings"])
    if (f["rule"] == "DD6509" && f["severity"] == "warning") never_ready = true;
  EXPECT_TRUE(never_ready) << r.out;
  EXPECT_EQ(anything_left(), "");
}

// A failing init container is the diagnosis: the app containers never start.
TEST_F(Preflight, AFailingInitContainerIsTheDiagnosis) {
  TempDir dir;
  std::string y = pod_manifest(image_);
  const std::string cmd = "      command: [sh, -c, 'echo seeded";
  y.replace(y.find(cmd), cmd.size(),
            "      command: [sh, -c, 'echo \"migrate: cannot reach orders-db:5432\" >&2; exit 3; echo seeded");
  auto m = dir.write("pod.yaml", y);
  auto r = drydock({"k8s", "preflight", m.string(), "--container", "web", "--timeout", "20s", "--format", "json"});
  ASSERT_EQ(r.status, 1) << r.err << r.out;
  auto j = nlohmann::json::parse(r.out);
  const nlohmann::json* init = nullptr;
  for (const auto& f : j["findings"])
    if (f["rule"] == "DD6510") init = &f;
  ASSERT_NE(init, nullptr) << r.out;
  EXPECT_EQ((*init)["location"]["container"], "seed");
  EXPECT_EQ((*init)["location"]["field"], "spec.initContainers[0]");
  EXPECT_TRUE(contains((*init)["message"].get<std::string>(), "exited with 3")) << init->dump();
  EXPECT_TRUE(contains((*init)["evidence"].get<std::string>(), "cannot reach orders-db:5432")) << init->dump();
  const auto& run = j["preflight"];
  EXPECT_EQ(run["ran"], false);
  EXPECT_EQ(run["init_failed"], "seed");
  EXPECT_EQ(run["init_containers"].size(), 1u) << run.dump();  // the sidecar never started
  // In text form: the progress lines show the init container created and no app container.
  auto t = drydock({"k8s", "preflight", m.string(), "--container", "web", "--timeout", "20s"});
  EXPECT_EQ(t.status, 1) << t.err << t.out;
  EXPECT_TRUE(contains(t.out, "not run: init container seed failed")) << t.out;
  EXPECT_TRUE(contains(t.err, "creating init container drydock-preflight-")) << t.err;
  EXPECT_FALSE(contains(t.err, "creating container drydock-preflight-")) << t.err;
  EXPECT_EQ(anything_left(), "");
}

// automountServiceAccountToken: false and enableServiceLinks: false: no
// token, and only the kubernetes Service's env.
TEST_F(Preflight, NoTokenAndNoServiceLinksWhenThePodSaysSo) {
  TempDir dir;
  std::string y = pod_manifest(image_);
  const std::string sc = "  securityContext: {runAsUser: 1000, runAsGroup: 1000}\n";
  y.replace(y.find(sc), sc.size(), sc + "  automountServiceAccountToken: false\n  enableServiceLinks: false\n");
  const std::string probe_start = "              test \"$(cat /shared/seeded)\" = seeded &&\n";
  size_t a = y.find(probe_start), b = y.find("        periodSeconds: 1\n", a);
  y.replace(a, b - a,
            "              test ! -e /var/run/secrets/kubernetes.io/serviceaccount/token &&\n"
            "              test -z \"$ORDERS_DB_SERVICE_HOST$CACHE_SERVICE_HOST\" &&\n"
            "              test \"$KUBERNETES_SERVICE_HOST\" = 10.96.0.1\n");
  auto m = dir.write("pod.yaml", y);
  auto r = drydock({"k8s", "preflight", m.string(), "--container", "web", "--timeout", "4s", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  auto j = nlohmann::json::parse(r.out);
  const auto& run = j["preflight"];
  EXPECT_EQ(run["service_account_token"], false);
  EXPECT_GE(run["probes"][0]["successes"].get<int>(), 1) << run.dump();
  EXPECT_EQ(anything_left(), "");
}

// An image without sh, wget or nc (distroless-like): its http and tcp probes
// are not run (never failed) unless --probe-image gives a helper in the
// pod's network namespace, where they pass.
TEST_F(Preflight, ProbeImageRunsTheProbesOfAnImageWithoutTools) {
  TempDir build;
  build.write("www/index.html", "<h1>ok</h1>\n");
  build.write("Dockerfile", "FROM " + image_ + " AS tools\nFROM scratch\nCOPY --from=tools /bin/busybox /busybox\n"
                            "COPY www /www\nENTRYPOINT [\"/busybox\", \"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n");
  const std::string bare = "drydock-test/k8s-preflight-bare:1";
  ASSERT_TRUE(docker_build(build.path(), bare));
  TempDir dir;
  auto m = dir.write("bare.yaml",
                     "apiVersion: v1\nkind: Pod\nmetadata: {name: bare}\nspec:\n"
                     "  automountServiceAccountToken: false\n"
                     "  containers:\n"
                     "    - name: bare\n"
                     "      image: " + bare + "\n"
                     "      readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 1}\n"
                     "      livenessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}\n");
  auto without = drydock({"k8s", "preflight", m.string(), "--timeout", "4s", "--format", "json"});
  EXPECT_EQ(without.status, 0) << without.err << without.out;
  auto j = nlohmann::json::parse(without.out);
  for (const auto& p : j["preflight"]["probes"]) {
    EXPECT_TRUE(contains(p.value("not_run", ""), "--probe-image")) << p.dump();
    EXPECT_EQ(p.value("failures", 0), 0) << p.dump();
  }
  auto with = drydock({"k8s", "preflight", m.string(), "--timeout", "4s", "--probe-image", image_, "--format", "json"});
  EXPECT_EQ(with.status, 0) << with.err << with.out;
  j = nlohmann::json::parse(with.out);
  ASSERT_EQ(j["preflight"]["probes"].size(), 2u);
  for (const auto& p : j["preflight"]["probes"]) {
    EXPECT_FALSE(p.contains("not_run")) << p.dump();
    EXPECT_GE(p["successes"].get<int>(), 1) << p.dump();
    EXPECT_EQ(p["failures"].get<int>(), 0) << p.dump();
  }
  EXPECT_EQ(anything_left(), "");
  docker({"rmi", "-f", bare});
}

}  // namespace
}  // namespace dd::test
