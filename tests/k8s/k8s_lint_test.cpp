// The Kubernetes loader and rules on real-format manifests (tests/k8s/fixtures)
// and on the shared corpus.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/error.h"
#include "k8s/lint.h"
#include "k8s/manifest.h"

namespace fs = std::filesystem;
using namespace dd;

namespace {

const fs::path kFixtures = fs::path(DRYDOCK_SOURCE_DIR) / "tests/k8s/fixtures";

std::vector<Finding> lint_paths(std::vector<fs::path> paths) {
  Config config;
  auto set = k8s::load(paths);
  return k8s::lint(set, config);
}

std::vector<Finding> lint_text(const std::string& text) {
  k8s::ManifestSet set;
  k8s::load_text(set, text, "m.yaml");
  Config config;
  return k8s::lint(set, config);
}

std::vector<const Finding*> of(const std::vector<Finding>& fs, const std::string& rule, const std::string& resource = {}) {
  std::vector<const Finding*> out;
  for (const auto& f : fs)
    if (f.rule == rule && (resource.empty() || f.location.resource == resource)) out.push_back(&f);
  return out;
}

}  // namespace

TEST(K8sManifest, LoadsMultiDocumentWithPositionsHelmSourcesAndLists) {
  auto set = k8s::load({kFixtures});
  std::vector<std::string> kinds;
  for (const auto& o : set.objects()) kinds.push_back(o.kind + "/" + o.name);
  // not-k8s.yaml is skipped; the List's CronJob is read; every document of shop.yaml is there.
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "CronJob/report"), kinds.end());
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "NetworkPolicy/default-deny"), kinds.end());
  const k8s::Object* web = nullptr;
  for (const auto& o : set.objects())
    if (o.name == "web") web = &o;
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->source, "web/templates/deployment.yaml");
  ASSERT_TRUE(web->pod);
  const auto& c = web->pod->containers.at(0);
  EXPECT_EQ(c.image, "node:18-alpine");
  EXPECT_EQ(c.image_at.line, 28);
  EXPECT_EQ(c.image_at.column, 18);
  const auto* secret = set.find("Secret", "shop", "db-credentials");
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ(secret->data.at("password").value, "supersecret");
  const auto* report = set.find("CronJob", "batch", "report");
  ASSERT_TRUE(report && report->pod);
  EXPECT_EQ(report->pod->path, "spec.jobTemplate.spec.template.spec");
  // JSON with tabs is read with positions too.
  EXPECT_GT(report->pod->containers.at(0).image_at.line, 10);
}

TEST(K8sManifest, MalformedYamlNamesFileAndLine) {
  k8s::ManifestSet set;
  try {
    k8s::load_file(set, kFixtures.parent_path() / "broken.yaml.txt", "broken.yaml");
    FAIL() << "no error";
  } catch (const InputError& e) {
    std::string m = e.what();
    EXPECT_EQ(m.rfind("broken.yaml:", 0), 0u) << m;
    EXPECT_NE(m.find("malformed YAML"), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos);
  }
}

TEST(K8sManifest, EnvResolvesValueFromAndEnvFrom) {
  auto set = k8s::load({kFixtures / "shop.yaml"});
  const auto* api = set.find("Deployment", "shop", "api");
  ASSERT_TRUE(api && api->pod);
  auto env = k8s::container_env(set, *api, api->pod->containers[0]);
  auto get = [&](const std::string& n) -> const k8s::ResolvedEnv* {
    for (const auto& e : env)
      if (e.name == n) return &e;
    return nullptr;
  };
  ASSERT_NE(get("JAVA_TOOL_OPTIONS"), nullptr);
  EXPECT_EQ(*get("JAVA_TOOL_OPTIONS")->value, "-Xmx1g -XX:+UseG1GC");
  EXPECT_EQ(get("JAVA_TOOL_OPTIONS")->from, "configmap/api-config");
  ASSERT_NE(get("DB_PASSWORD"), nullptr);
  EXPECT_TRUE(get("DB_PASSWORD")->secret);
  EXPECT_FALSE(get("DB_PASSWORD")->value);  // key 'pasword' does not exist
}

TEST(K8sLint, ShopFindingsPointAtTheField) {
  auto f = lint_paths({kFixtures / "shop.yaml"});
  const std::string api = "Deployment/shop/api";
  // -Xmx1g from the ConfigMap against a 1Gi limit.
  auto heap = of(f, "DD6003", api);
  ASSERT_EQ(heap.size(), 1u);
  EXPECT_NE(heap[0]->message.find("ConfigMap api-config"), std::string::npos) << heap[0]->message;
  EXPECT_EQ(heap[0]->location.line, 51);  // envFrom's configMapRef name
  EXPECT_EQ(heap[0]->category, Category::oom_killed);
  // JDK 11.0.14 does not see cgroup v2... but -Xmx is set, so DD6004 stays quiet.
  EXPECT_TRUE(of(f, "DD6004", api).empty());
  // 500m CPU for a JVM.
  ASSERT_EQ(of(f, "DD6005", api).size(), 1u);
  EXPECT_EQ(of(f, "DD6005", api)[0]->location.line, 73);
  // Liveness == readiness.
  ASSERT_EQ(of(f, "DD6012", api).size(), 1u);
  // Key 'pasword' of the Secret: error at the key.
  auto miss = of(f, "DD6030", api);
  ASSERT_EQ(miss.size(), 2u);
  EXPECT_EQ(miss[0]->location.line, 59);
  EXPECT_EQ(miss[0]->severity, Severity::error);
  EXPECT_EQ(miss[0]->evidence, "key: pasword");
  // ConfigMap api-flags is not in the set, which has ConfigMaps in shop: warning.
  EXPECT_EQ(miss[1]->severity, Severity::warning);
  // localhost:6379 with no container on 6379.
  auto lh = of(f, "DD6040", api);
  ASSERT_EQ(lh.size(), 1u);
  EXPECT_EQ(lh[0]->location.line, 60);  // the env entry's name
  EXPECT_EQ(lh[0]->location.column, 21);
  // JVM with a read-only root and no /tmp mount.
  auto ro = of(f, "DD6025", api);
  ASSERT_EQ(ro.size(), 1u);
  EXPECT_NE(ro[0]->fix.find("mountPath: /tmp"), std::string::npos);
  // default-deny without DNS: the API cannot resolve postgres.
  auto np = of(f, "DD6042", api);
  ASSERT_FALSE(np.empty());
  bool dns = false, egress_pg = false;
  for (const auto* x : np) {
    dns = dns || x->message.find("DNS") != std::string::npos;
    egress_pg = egress_pg || x->message.find("Service postgres") != std::string::npos;
  }
  EXPECT_TRUE(dns);
  EXPECT_TRUE(egress_pg);  // egress to postgres is not allowed by any egress rule
  // Postgres admits the api on its named port: no ingress finding for postgres.
  for (const auto* x : np) EXPECT_EQ(x->message.find("admits no traffic"), std::string::npos) << x->message;
  // Postgres is clean on security, probes and memory.
  EXPECT_TRUE(of(f, "DD6020", "StatefulSet/shop/postgres").empty());
  EXPECT_TRUE(of(f, "DD6001", "StatefulSet/shop/postgres").empty());
  EXPECT_TRUE(of(f, "DD6010", "StatefulSet/shop/postgres").empty());
  EXPECT_TRUE(of(f, "DD6051", "StatefulSet/shop/postgres").empty());
}

TEST(K8sLint, HelmWebAndEdge) {
  auto f = lint_paths({kFixtures / "web-helm.yaml"});
  const std::string web = "Deployment/web";
  // --max-old-space-size=2048 from the ConfigMap vs a 1Gi limit.
  auto heap = of(f, "DD6003", web);
  ASSERT_EQ(heap.size(), 1u);
  EXPECT_NE(heap[0]->message.find("Helm template web/templates/deployment.yaml"), std::string::npos);
  // node:18 without heap flag would be DD6004; here the heap is set.
  EXPECT_TRUE(of(f, "DD6004", web).empty());
  // npm start with HOME=/app under a read-only root: /app/.npm.
  auto ro = of(f, "DD6025", web);
  ASSERT_EQ(ro.size(), 1u);
  EXPECT_NE(ro[0]->message.find("/app/.npm"), std::string::npos) << ro[0]->message;
  EXPECT_NE(ro[0]->fix.find("emptyDir: {}"), std::string::npos);
  // Long initial delay, no startupProbe.
  EXPECT_EQ(of(f, "DD6014", web).size(), 1u);
  // Probe port 3000 is declared: fine.
  EXPECT_TRUE(of(f, "DD6013", web).empty());
  const std::string edge = "Deployment/edge";
  EXPECT_EQ(of(f, "DD6021", edge).size(), 1u);
  ASSERT_EQ(of(f, "DD6023", edge).size(), 1u);
  EXPECT_EQ(of(f, "DD6023", edge)[0]->severity, Severity::error);
  EXPECT_EQ(of(f, "DD6050", edge).size(), 1u);  // nginx with no tag
  EXPECT_EQ(of(f, "DD6052", edge).size(), 1u);  // IfNotPresent with no tag
  // ConfigMap mounted over /var/cache/nginx; /var/run not writable.
  EXPECT_EQ(of(f, "DD6026", edge).size(), 1u);
  auto ro2 = of(f, "DD6025", edge);
  ASSERT_EQ(ro2.size(), 1u);
  EXPECT_NE(ro2[0]->message.find("/var/run"), std::string::npos);
  EXPECT_EQ(ro2[0]->message.find("/var/cache/nginx ("), std::string::npos);
  // Secret with 0400 for user 101 without fsGroup.
  ASSERT_EQ(of(f, "DD6027", edge).size(), 1u);
  EXPECT_NE(of(f, "DD6027", edge)[0]->message.find("0400"), std::string::npos);
}

TEST(K8sLint, ListCronJob) {
  auto f = lint_paths({kFixtures / "list.json"});
  const std::string r = "CronJob/batch/report";
  EXPECT_EQ(of(f, "DD6002", r).size(), 1u);
  EXPECT_EQ(of(f, "DD6020", r).size(), 1u);
  EXPECT_EQ(of(f, "DD6050", r).size(), 1u);
  EXPECT_TRUE(of(f, "DD6010", r).empty());  // jobs are not probed
}

TEST(K8sLint, CleanWorkloadHasNoFinding) {
  auto f = lint_paths({kFixtures / "clean.yaml"});
  for (const auto& x : f) ADD_FAILURE() << x.rule << " " << x.message;
}

TEST(K8sLint, IgnoreAnnotationsOfDrydockAndPeers) {
  const std::string base = R"(apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
ANN
spec:
  containers:
    - name: c
      image: busybox:1.36
)";
  auto with = [&](const std::string& ann) {
    std::string t = base;
    t.replace(t.find("ANN"), 3, ann);
    return lint_text(t);
  };
  EXPECT_FALSE(of(with("    x: y"), "DD6001").empty());
  EXPECT_TRUE(of(with("    drydock.io/ignore: DD6001,DD6020"), "DD6001").empty());
  EXPECT_TRUE(of(with("    kube-score/ignore: container-resources"), "DD6001").empty());
  EXPECT_TRUE(of(with("    ignore-check.kube-linter.io/unset-memory-requirements: \"sized by VPA\""), "DD6001").empty());
  EXPECT_TRUE(of(with("    polaris.fairwinds.com/memoryLimitsMissing-exempt: \"true\""), "DD6001").empty());
  EXPECT_TRUE(of(with("    checkov.io/skip1: CKV_K8S_13=sized by VPA"), "DD6001").empty());
  // Another rule's exemption leaves DD6001 on.
  EXPECT_FALSE(of(with("    kube-score/ignore: pod-probes"), "DD6001").empty());
}

TEST(K8sLint, ProbePortByNameAndNumber) {
  auto f = lint_text(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    metadata: {labels: {app: d}}
    spec:
      containers:
        - name: c
          image: acme/d:1.0
          ports: [{name: web, containerPort: 8080}]
          readinessProbe: {httpGet: {path: /, port: http}}
          livenessProbe: {tcpSocket: {port: 9090}}
)");
  auto p = of(f, "DD6013");
  ASSERT_EQ(p.size(), 2u);
  // liveness first: 9090 is not declared; then readiness: the name 'http' names no port.
  EXPECT_EQ(p[0]->severity, Severity::warning);
  EXPECT_EQ(p[0]->location.line, 13);
  EXPECT_EQ(p[1]->severity, Severity::error);
  EXPECT_EQ(p[1]->location.line, 12);
}

TEST(K8sLint, NetworkPolicyAllowsWithNamespaceSelectorAndDns) {
  // Egress allowed to the db by label and to DNS by namespace name: no DD6042.
  auto f = lint_text(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: a}
spec:
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
        - name: app
          image: acme/app:1.0
          env:
            - {name: DB_HOST, value: "db.data.svc.cluster.local:5432"}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec:
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
        - {name: db, image: postgres:16, ports: [{containerPort: 5432}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress, namespace: a}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector:
            matchExpressions:
              - {key: kubernetes.io/metadata.name, operator: In, values: [data]}
          podSelector: {matchLabels: {app: db}}
      ports: [{port: 5432}]
    - to:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      ports: [{port: 53, protocol: UDP}]
)");
  EXPECT_TRUE(of(f, "DD6042").empty());
  // And the same without the DNS rule: DNS denied.
  auto g = lint_text(R"(apiVersion: v1
kind: Pod
metadata: {name: app, namespace: a, labels: {app: app}}
spec:
  containers:
    - name: app
      image: acme/app:1.0
      env:
        - {name: API_URL, value: "http://api:8080"}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress, namespace: a}
spec:
  podSelector: {matchLabels: {app: app}}
  egress:
    - to: [{podSelector: {matchLabels: {app: api}}}]
)");
  auto np = of(g, "DD6042");
  ASSERT_EQ(np.size(), 1u);
  EXPECT_NE(np[0]->message.find("DNS"), std::string::npos);
}

TEST(K8sLint, LocalhostToSidecarIsFine) {
  auto f = lint_text(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: acme/app:1.0
      env: [{name: REDIS_URL, value: "redis://localhost:6379"}]
    - name: redis
      image: redis:7
      ports: [{containerPort: 6379}]
)");
  EXPECT_TRUE(of(f, "DD6040").empty());
}

TEST(K8sLint, OldRuntimesWithoutHeapFlag) {
  auto f = lint_text(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: a, image: "node:16.20.2", resources: {limits: {memory: 512Mi}}}
    - {name: b, image: "openjdk:8u312-jre", resources: {limits: {memory: 512Mi}}}
    - {name: c, image: "node:20-slim", resources: {limits: {memory: 512Mi}}}
    - {name: d, image: "eclipse-temurin:11", resources: {limits: {memory: 512Mi}}}
)");
  auto r = of(f, "DD6004");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0]->location.container, "a");
  EXPECT_EQ(r[1]->location.container, "b");
}

TEST(K8sLint, SharedCorpusLoadsAndLints) {
  fs::path corpus = fs::path(DRYDOCK_SHARED_DIR) / "corpus/k8s";
  if (!fs::exists(corpus)) GTEST_SKIP() << "no shared corpus at " << corpus;
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (!e.is_regular_file()) continue;
    auto n = e.path().filename().string();
    if (!(n.ends_with(".yaml") || n.ends_with(".yml") || n.ends_with(".json"))) continue;
    ++files;
    k8s::ManifestSet set;
    EXPECT_NO_THROW(k8s::load_file(set, e.path())) << e.path();
  }
  EXPECT_GT(files, 100u);
  auto f = lint_paths({corpus});
  EXPECT_FALSE(f.empty());
  for (const auto& x : f) {
    EXPECT_GT(x.location.line, 0) << x.rule << " " << x.message;
    EXPECT_FALSE(x.location.resource.empty());
  }
}
