// Pod diagnosis on real-format kubectl output: get pod -o json|yaml, describe
// (old #success= and new successThreshold= wording), events JSON, logs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "helpers/helpers.h"
#include "k8s/pod/diagnose_pod.h"
#include "k8s/pod/pod.h"
#include "runtime/logs.h"

namespace dd::test {
namespace {

namespace pod = k8s::pod;

std::string fixture(const std::string& name) { return (source_dir() / "tests/fixtures/k8s" / name).string(); }
bool contains(const std::string& h, const std::string& n) { return h.find(n) != std::string::npos; }

std::vector<Finding> diagnose_files(const std::vector<std::string>& files, const std::string& logs = {}) {
  std::vector<pod::Pod> pods;
  std::vector<pod::Event> events;
  for (const auto& f : files) {
    auto in = pod::read_input(fixture(f));
    for (auto& p : in.pods) pods.push_back(std::move(p));
    events.insert(events.end(), in.events.begin(), in.events.end());
  }
  if (pods.empty()) pods = pod::pods_from_events(events);
  else pod::attach_events(pods, events);
  std::vector<pod::ContainerLogs> lg;
  if (!logs.empty()) lg.push_back({"", runtime::read_log_file(fixture(logs))});
  std::vector<Finding> all;
  for (auto& p : pods) {
    auto f = pod::diagnose_pod(p, lg);
    all.insert(all.end(), f.begin(), f.end());
  }
  return all;
}

const Finding* rule(const std::vector<Finding>& fs, const std::string& id, const std::string& container = {}) {
  for (const auto& f : fs)
    if (f.rule == id && (container.empty() || f.location.container == container)) return &f;
  return nullptr;
}

std::string dump(const std::vector<Finding>& fs) {
  std::string out;
  for (const auto& f : fs) out += f.rule + " " + f.location.container + " " + f.location.field + ": " + f.message + "\n";
  return out;
}

TEST(PodJson, ContainerStatusFillsTheRuntimeModelWithPodFieldPaths) {
  auto in = pod::read_input(fixture("crashloop-oom-pod.json"));
  ASSERT_EQ(in.kind, pod::InputKind::pod);
  ASSERT_EQ(in.pods.size(), 1u);
  auto& p = in.pods[0];
  EXPECT_EQ(p.name, "orders-7d9f8b6c5-x2x9k");
  EXPECT_EQ(p.namespace_, "shop");
  EXPECT_EQ(p.owner_kind, "ReplicaSet");
  pod::fill_states(p);
  const auto& s = p.containers.at(0).state;
  EXPECT_EQ(s.memory_limit, 512LL * 1024 * 1024);  // 512Mi in the Kubernetes dialect
  EXPECT_TRUE(s.oom_killed);
  EXPECT_EQ(s.exit_code.value_or(-1), 137);
  EXPECT_EQ(s.fields.exit_code, "status.containerStatuses[0].lastState.terminated.exitCode");
  EXPECT_EQ(s.fields.memory, "spec.containers[0].resources.limits.memory");
  ASSERT_TRUE(s.uptime_seconds);
  EXPECT_DOUBLE_EQ(*s.uptime_seconds, 48.0);
}

TEST(PodDiagnosis, CrashLoopOomAndXmxAboveTheLimitMeanTheHeapIsLargerThanTheContainer) {
  auto fs = diagnose_files({"crashloop-oom-pod.json", "crashloop-oom-events.json"}, "crashloop-oom.log");
  const Finding* heap = rule(fs, "DD5202");
  ASSERT_TRUE(heap) << dump(fs);
  EXPECT_EQ(heap->category, Category::oom_killed);
  EXPECT_EQ(heap->location.resource, "Pod/shop/orders-7d9f8b6c5-x2x9k");
  EXPECT_EQ(heap->location.container, "orders");
  EXPECT_TRUE(contains(heap->evidence, "JAVA_OPTS=-Xmx1g")) << heap->evidence;
  EXPECT_TRUE(contains(heap->evidence, "status.containerStatuses[0].lastState.terminated.reason=OOMKilled")) << heap->evidence;
  EXPECT_TRUE(contains(heap->fix, "MaxRAMPercentage")) << heap->fix;
  const Finding* loop = rule(fs, "DD6500");
  ASSERT_TRUE(loop) << dump(fs);
  EXPECT_EQ(loop->severity, Severity::warning);  // explained by DD5202
  // The BackOff event's series count (27), not its first occurrence.
  EXPECT_TRUE(contains(loop->evidence, "BackOff (x27)")) << loop->evidence;
  EXPECT_FALSE(rule(fs, "DD5010")) << "the docker restart-loop finding is replaced by DD6500";
}

TEST(Describe, OldProbeWordingAndTheSameDiagnosisWithLines) {
  auto pods = pod::parse_describe(read_text(fixture("crashloop-oom-describe.txt")), "d.txt");
  ASSERT_EQ(pods.size(), 1u);
  auto& c = pods[0].containers.at(0);
  EXPECT_EQ(c.current.reason, "CrashLoopBackOff");
  EXPECT_EQ(c.last.reason, "OOMKilled");
  EXPECT_EQ(c.last.exit_code.value_or(0), 137);
  EXPECT_EQ(c.last.started_at, "2026-11-30T10:08:51Z");
  EXPECT_EQ(c.restart_count, 6);
  EXPECT_EQ(c.memory_limit_text, "512Mi");
  ASSERT_EQ(c.probes.size(), 1u);
  EXPECT_EQ(c.probes[0].port, "8080");
  EXPECT_EQ(c.probes[0].path, "/actuator/health/liveness");
  EXPECT_EQ(c.probes[0].initial_delay, 30);
  EXPECT_EQ(c.probes[0].failure_threshold, 3);
  ASSERT_EQ(c.refs.size(), 2u);
  EXPECT_EQ(c.refs[0].object, "orders-config");
  EXPECT_EQ(c.refs[1].kind, "secret");
  ASSERT_EQ(pods[0].events.size(), 5u);
  EXPECT_EQ(pods[0].events[4].count, 27);
  EXPECT_EQ(pods[0].events[4].line, 73);
  auto fs = diagnose_files({"crashloop-oom-describe.txt"});
  const Finding* heap = rule(fs, "DD5202");
  ASSERT_TRUE(heap) << dump(fs);
  EXPECT_EQ(heap->location.line, 38);  // the "memory:  512Mi" line of Limits
}

TEST(Describe, NewProbeWordingAndFieldPathPrefixedEvents) {
  auto pods = pod::parse_describe(read_text(fixture("imagepull-auth-describe.txt")), "d.txt");
  ASSERT_EQ(pods.size(), 1u);
  auto& c = pods[0].containers.at(0);
  ASSERT_EQ(c.probes.size(), 2u);
  EXPECT_EQ(c.probes[0].port, "http");
  EXPECT_EQ(c.probes[1].kind, "readiness");
  EXPECT_EQ(c.probes[1].period, 5);
  bool saw = false;
  for (const auto& e : pods[0].events)
    if (e.reason == "Failed" && contains(e.message, "401 Unauthorized")) {
      saw = true;
      EXPECT_EQ(e.container(), "billing");
      EXPECT_EQ(e.count, 4);
      EXPECT_FALSE(contains(e.message, "spec.containers{"));
    }
  EXPECT_TRUE(saw);
}

TEST(ImagePull, ClassifiedAsAuthNotFoundOrBadTag) {
  auto fs = diagnose_files({"imagepull-auth-describe.txt"});
  const Finding* f = rule(fs, "DD6501");
  ASSERT_TRUE(f) << dump(fs);
  EXPECT_EQ(f->category, Category::image_pull);
  EXPECT_NE(std::find(f->tags.begin(), f->tags.end(), "pull:auth"), f->tags.end());
  EXPECT_TRUE(contains(f->fix, "imagePullSecrets")) << f->fix;
  EXPECT_TRUE(contains(f->fix, "--docker-server=ghcr.io")) << f->fix;
  fs = diagnose_files({"imagepull-badtag-pod.yaml"});
  f = rule(fs, "DD6501");
  ASSERT_TRUE(f) << dump(fs);
  EXPECT_NE(std::find(f->tags.begin(), f->tags.end(), "pull:bad-tag"), f->tags.end()) << dump(fs);
  EXPECT_TRUE(contains(f->message, "1.27.99")) << f->message;
  EXPECT_EQ(pod::classify_pull_error("Error response from daemon: manifest for nginx:9 not found: manifest unknown: manifest unknown"), "bad-tag");
  EXPECT_EQ(pod::classify_pull_error("pull access denied for acme/private, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"), "auth");
  EXPECT_EQ(pod::classify_pull_error("failed to resolve reference \"registry.example.com/app:1\": failed to do request: Head \"https://registry.example.com/v2/app/manifests/1\": dial tcp: lookup registry.example.com on 10.96.0.10:53: no such host"), "registry-unreachable");
  EXPECT_EQ(pod::classify_pull_error("errors: denied: requested access to the resource is denied unauthorized: authentication required"), "auth");
  EXPECT_EQ(pod::classify_pull_error("name unknown: repository name not known to registry"), "not-found");
  EXPECT_EQ(pod::classify_pull_error("Back-off pulling image \"nginx:1\""), "");
}

TEST(ConfigError, NamesTheMissingObjectOrKeyAndTheFieldThatReadsIt) {
  auto fs = diagnose_files({"config-error-pod.yaml"});
  const Finding* key = rule(fs, "DD6502", "api");
  ASSERT_TRUE(key) << dump(fs);
  EXPECT_EQ(key->location.field, "spec.containers[0].env[1].valueFrom.configMapKeyRef");
  EXPECT_TRUE(contains(key->message, "ConfigMap prod/api-config has no key DB_URL")) << key->message;
  const Finding* obj = rule(fs, "DD6502", "sidecar");
  ASSERT_TRUE(obj) << dump(fs);
  EXPECT_EQ(obj->location.field, "spec.containers[1].env[1].valueFrom.secretKeyRef");
  EXPECT_TRUE(contains(obj->message, "Secret prod/oauth does not exist")) << obj->message;
  EXPECT_TRUE(contains(obj->fix, "kubectl create secret generic oauth -n prod")) << obj->fix;
}

TEST(StartError, ExecFormatErrorIsJudgedByTheEngineSignatures) {
  auto fs = diagnose_files({"start-error-pod.json"});
  const Finding* arch = nullptr;
  for (const auto& f : fs)
    if (f.location.container == "worker" && f.category == Category::arch_mismatch) arch = &f;
  ASSERT_TRUE(arch) << dump(fs);
  EXPECT_EQ(arch->location.field, "status.containerStatuses[0].lastState.terminated.message");
  EXPECT_FALSE(rule(fs, "DD6504", "worker")) << "the signature already explains it";
}

TEST(Completed, ExitZeroInADeploymentIsExitsImmediately) {
  auto fs = diagnose_files({"start-error-pod.json"});
  const Finding* f = rule(fs, "DD6505", "runner");
  ASSERT_TRUE(f) << dump(fs);
  EXPECT_EQ(f->category, Category::exits_immediately);
  EXPECT_TRUE(contains(f->message, "after 3s")) << f->message;
  const Finding* loop = rule(fs, "DD6500", "runner");
  ASSERT_TRUE(loop);
  EXPECT_EQ(loop->severity, Severity::warning);
  EXPECT_FALSE(rule(fs, "DD5001", "runner"));
}

TEST(Events, EveryEventWithCountSeriesAndEventTime) {
  auto in = pod::read_input(fixture("pending-events.json"));
  ASSERT_EQ(in.kind, pod::InputKind::events);
  ASSERT_EQ(in.events.size(), 2u);
  // The new-style event (eventTime + series) is the later one and counts 12.
  EXPECT_EQ(in.events[1].count, 12);
  EXPECT_EQ(in.events[1].last_seen, "2026-12-01T09:16:02.118450Z");
  EXPECT_EQ(in.events[0].first_seen, "2026-12-01T09:00:04Z");
  auto fs = diagnose_files({"pending-events.json"});
  const Finding* f = rule(fs, "DD6507");
  ASSERT_TRUE(f) << dump(fs);
  // The latest FailedScheduling is judged: memory and a taint, no longer the PVC.
  EXPECT_TRUE(contains(f->message, "lack the memory it requests")) << f->message;
  EXPECT_TRUE(contains(f->message, "node-role.kubernetes.io/control-plane")) << f->message;
  EXPECT_FALSE(contains(f->message, "PersistentVolumeClaim")) << f->message;
  EXPECT_TRUE(contains(f->fix, "tolerations:")) << f->fix;
}

TEST(Events, FailedMountAndUnhealthyProbes) {
  auto fs = diagnose_files({"mount-probe-events.json"});
  const Finding* m = rule(fs, "DD6508");
  ASSERT_TRUE(m) << dump(fs);
  EXPECT_EQ(m->category, Category::config_missing);
  EXPECT_TRUE(contains(m->message, "Secret edge/gateway-tls does not exist")) << m->message;
  const Finding* p = rule(fs, "DD6509", "frontend");
  ASSERT_TRUE(p) << dump(fs);
  EXPECT_TRUE(contains(p->message, "failed 16 times")) << p->message;
  EXPECT_EQ(p->severity, Severity::error);
}

TEST(Evicted, MemoryPressureFromDescribe) {
  TempDir dir;
  std::string text = read_text(fixture("crashloop-oom-describe.txt"));
  auto pos = text.find("Status:           Running\n");
  text.replace(pos, 26,
               "Status:           Failed\nReason:           Evicted\nMessage:          The node was low on resource: memory. "
               "Threshold quantity: 100Mi, available: 91244Ki. Container orders was using 1894328Ki, request is 512Mi, "
               "has larger consumption of memory. \n");
  auto file = dir.write("evicted.txt", text);
  auto pods = pod::parse_describe(text, file.string());
  auto fs = pod::diagnose_pod(pods.at(0), {});
  const Finding* f = rule(fs, "DD6506");
  ASSERT_TRUE(f) << dump(fs);
  EXPECT_EQ(f->category, Category::oom_killed);
  EXPECT_TRUE(contains(f->message, "orders used 1894328Ki (request 512Mi)")) << f->message;
  EXPECT_EQ(f->location.line, 11);
}

TEST(PodDiagnosis, EngineRulesJudgeThePodReadOnlyRootWithItsFieldPath) {
  auto fs = diagnose_files({"readonly-pod.yaml"}, "readonly.log");
  const Finding* f = rule(fs, "DD5205");
  ASSERT_TRUE(f) << dump(fs);
  EXPECT_TRUE(contains(f->evidence, "spec.containers[0].securityContext.readOnlyRootFilesystem=true")) << f->evidence;
  EXPECT_TRUE(contains(f->message, "/app/.npm")) << f->message;
  EXPECT_TRUE(contains(f->fix, "mountPath: /app/.npm")) << f->fix;
  EXPECT_TRUE(contains(f->fix, "emptyDir: {}")) << f->fix;
  EXPECT_FALSE(contains(f->fix, "docker run")) << "a pod's fix is YAML: " << f->fix;
  EXPECT_EQ(f->location.resource, "Pod/shop/web-api-6f7b8c9d0-zk4mn");
  for (const auto& g : fs)
    for (const std::string* t : {&g.message, &g.evidence, &g.fix})
      EXPECT_FALSE(contains(*t, "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0")) << *t;
}

TEST(BadInput, OneLineNamingTheFile) {
  TempDir dir;
  auto bad = dir.write("pod.json", "{\"kind\": \"Pod\", \"status\": {");
  try {
    pod::read_input(bad);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "pod.json: malformed JSON at line 1")) << e.what();
  }
  auto yaml = dir.write("pod.yaml", "kind: Pod\nspec:\n  containers: [\n");
  try {
    pod::read_input(yaml);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "pod.yaml:")) << e.what();
    EXPECT_TRUE(contains(e.what(), "malformed YAML")) << e.what();
  }
  // Aliases that expand to 10^8 nodes are refused, not expanded.
  std::string laughs = "a: &a [x,x,x,x,x,x,x,x,x,x]\n";
  for (char c = 'b'; c <= 'h'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    laughs += std::string(1, c) + ": &" + std::string(1, c) + " [";
    for (int i = 0; i < 10; ++i) laughs += (i ? ",*" : "*") + prev;
    laughs += "]\n";
  }
  auto bomb = dir.write("bomb.yaml", laughs + "kind: Pod\n");
  try {
    pod::read_input(bomb);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "bomb.yaml: more than 1,000,000 YAML nodes")) << e.what();
  }
  auto other = dir.write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
  EXPECT_THROW(pod::read_input(other), InputError);
}

}  // namespace
// fuzz_events found a pod whose `kind:` is written twice, the second time
// as a map: reading it threw json::type_error out of the reader (a crash).
// It is read as what it is: not a pod nor events, one line, exit 2.
TEST(Input, KindThatIsNotAStringIsBadInputNotACrash) {
  auto file = std::filesystem::path(DRYDOCK_SOURCE_DIR) / "tests/k8s_diag/fixtures/kind-is-a-map.yaml";
  try {
    pod::read_input(file);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "kind-is-a-map.yaml")) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
  }
}

}  // namespace dd::test
