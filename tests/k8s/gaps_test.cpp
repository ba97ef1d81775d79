// The kubelet's $(VAR) expansion, pip caches under a read-only root (DD6025),
// Node under a sub-core CPU limit (DD6005) and NetworkPolicy ipBlock peers
// (DD6042), on real-format manifests.
#include <gtest/gtest.h>

#include <map>

#include "core/error.h"
#include "helpers.h"
#include "k8s/lint.h"
#include "k8s/manifest.h"

using namespace dd;

namespace {

std::vector<Finding> lint_text(const std::string& text) {
  k8s::ManifestSet set;
  k8s::load_text(set, text, "m.yaml");
  Config config;
  return k8s::lint(set, config);
}

std::vector<const Finding*> of(const std::vector<Finding>& fs, const std::string& rule) {
  std::vector<const Finding*> out;
  for (const auto& f : fs)
    if (f.rule == rule) out.push_back(&f);
  return out;
}

std::string expand(const std::string& s, const std::map<std::string, std::string>& env) {
  return k8s::expand_vars(s, [&](const std::string& n) -> std::optional<std::string> {
    auto it = env.find(n);
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
}

std::string deployment(const std::string& container, const std::string& extra = {}) {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app, namespace: prod}\nspec:\n  template:\n"
         "    metadata: {labels: {app: app}}\n    spec:\n      containers:\n" +
         container + extra;
}

}  // namespace

TEST(KubeletExpansion, AsTheKubeletDoes) {
  std::map<std::string, std::string> env{{"HEAP", "2g"}, {"A", "x"}};
  EXPECT_EQ(expand("-Xmx$(HEAP)", env), "-Xmx2g");
  EXPECT_EQ(expand("$(A)$(A)-$(MISSING)", env), "xx-$(MISSING)");  // unknown: as written
  EXPECT_EQ(expand("$$(HEAP)", env), "$(HEAP)");                   // $$ escapes
  EXPECT_EQ(expand("cost $5 and $$", env), "cost $5 and $");
  EXPECT_EQ(expand("$(HEAP", env), "$(HEAP");  // no closing paren
  EXPECT_EQ(expand("$", env), "$");
  EXPECT_EQ(expand("${HEAP} $HEAP", env), "${HEAP} $HEAP");  // shell syntax is not the kubelet's
}

TEST(KubeletExpansion, HeapFlagInArgsThroughAVariable) {
  auto fs = lint_text(deployment(
      "        - name: api\n          image: eclipse-temurin:21-jre\n"
      "          command: [java]\n          args: [\"-Xmx$(HEAP)\", -jar, /app.jar]\n"
      "          env:\n            - {name: HEAP, value: 2g}\n"
      "          resources: {limits: {memory: 1Gi, cpu: \"2\"}, requests: {memory: 1Gi}}\n"));
  auto heap = of(fs, "DD6003");
  ASSERT_EQ(heap.size(), 1u);
  EXPECT_NE(heap[0]->message.find("-Xmx2g"), std::string::npos) << heap[0]->message;
  // An env value built from another with $(VAR).
  auto fs2 = lint_text(deployment(
      "        - name: api\n          image: eclipse-temurin:21-jre\n"
      "          env:\n            - {name: HEAP, value: 2g}\n"
      "            - {name: JAVA_TOOL_OPTIONS, value: \"-Xmx$(HEAP) -Dfile.encoding=UTF-8\"}\n"
      "          resources: {limits: {memory: 1Gi, cpu: \"2\"}, requests: {memory: 1Gi}}\n"));
  EXPECT_EQ(of(fs2, "DD6003").size(), 1u);
}

TEST(ReadOnlyRoot, PipInstallAtStartNeedsItsCache) {
  std::string c =
      "        - name: worker\n          image: python:3.12-slim\n"
      "          command: [sh, -c, \"pip install -r requirements.txt && python worker.py\"]\n"
      "          env:\n            - {name: HOME, value: /home/worker}\n"
      "          securityContext: {readOnlyRootFilesystem: true}\n";
  auto fs = lint_text(deployment(c));
  auto ro = of(fs, "DD6025");
  ASSERT_EQ(ro.size(), 1u);
  EXPECT_NE(ro[0]->message.find("/home/worker/.cache/pip"), std::string::npos) << ro[0]->message;
  EXPECT_NE(ro[0]->fix.find("mountPath: /home/worker/.cache/pip"), std::string::npos) << ro[0]->fix;
  // --no-cache-dir, PIP_NO_CACHE_DIR or an emptyDir there: nothing to say about pip.
  std::string nocache = c;
  nocache.replace(nocache.find("pip install"), 11, "pip install --no-cache-dir");
  EXPECT_TRUE(of(lint_text(deployment(nocache)), "DD6025").empty());
  std::string mounted = c + "          volumeMounts: [{name: pip, mountPath: /home/worker/.cache}]\n";
  EXPECT_TRUE(of(lint_text(deployment(mounted, "      volumes: [{name: pip, emptyDir: {}}]\n")), "DD6025").empty());
  // pip without install (pip --version) writes nothing.
  std::string version = c;
  version.replace(version.find("pip install -r requirements.txt"), 31, "pip --version");
  EXPECT_TRUE(of(lint_text(deployment(version)), "DD6025").empty());
}

TEST(CpuLimit, NodeUnderOneCoreKnownFromItsFlags) {
  std::string c =
      "        - name: web\n          image: registry.example.com/shop/web:1.4.2\n"
      "          env:\n            - {name: NODE_OPTIONS, value: \"--max-old-space-size=384\"}\n"
      "          resources: {limits: {memory: 512Mi, cpu: 250m}, requests: {memory: 512Mi, cpu: 250m}}\n";
  auto fs = lint_text(deployment(c));
  auto cpu = of(fs, "DD6005");
  ASSERT_EQ(cpu.size(), 1u);
  EXPECT_NE(cpu[0]->message.find("Node container 'web'"), std::string::npos) << cpu[0]->message;
  EXPECT_NE(cpu[0]->fix.find("--v8-pool-size"), std::string::npos);
  // Pinned V8 threads, or a full core: quiet.
  std::string pinned = c;
  pinned.replace(pinned.find("--max-old-space-size=384"), 24, "--max-old-space-size=384 --v8-pool-size=1");
  EXPECT_TRUE(of(lint_text(deployment(pinned)), "DD6005").empty());
  std::string core = c;
  const std::string limits = "limits: {memory: 512Mi, cpu: 250m}";
  core.replace(core.find(limits), limits.size(), "limits: {memory: 512Mi, cpu: \"1\"}");
  EXPECT_TRUE(of(lint_text(deployment(core)), "DD6005").empty());
  // An unknown image with no Node flag is not guessed to be Node.
  std::string unknown = c;
  unknown.replace(unknown.find("--max-old-space-size=384"), 24, "--enable-source-maps");
  EXPECT_TRUE(of(lint_text(deployment(unknown)), "DD6005").empty());
}

TEST(NetworkPolicy, IpBlockCidrAndExceptAsTheApiDefines) {
  auto manifest = [](const std::string& db_url) {
    return deployment("        - name: app\n          image: app:1.0\n          env:\n"
                      "            - {name: DATABASE_URL, value: \"" + db_url + "\"}\n") +
           "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
           "metadata: {name: egress-db, namespace: prod}\n"
           "spec:\n  podSelector: {matchLabels: {app: app}}\n  policyTypes: [Egress]\n  egress:\n"
           "    - to:\n        - ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.128/25]}\n"
           "      ports: [{protocol: TCP, port: 5432}]\n"
           "    - to:\n        - namespaceSelector: {}\n          podSelector: {matchLabels: {k8s-app: kube-dns}}\n"
           "      ports: [{protocol: UDP, port: 53}]\n";
  };
  // Inside the CIDR, outside the except: allowed.
  EXPECT_TRUE(of(lint_text(manifest("postgres://app@203.0.113.5:5432/shop")), "DD6042").empty());
  // In the except range: denied.
  auto denied = of(lint_text(manifest("postgres://app@203.0.113.200:5432/shop")), "DD6042");
  ASSERT_EQ(denied.size(), 1u);
  EXPECT_NE(denied[0]->message.find("203.0.113.200:5432"), std::string::npos) << denied[0]->message;
  EXPECT_NE(denied[0]->fix.find("cidr: 203.0.113.200/32"), std::string::npos) << denied[0]->fix;
  // Outside the CIDR, or the right address on another port: denied.
  EXPECT_EQ(of(lint_text(manifest("postgres://app@198.51.100.7:5432/shop")), "DD6042").size(), 1u);
  EXPECT_EQ(of(lint_text(manifest("postgres://app@203.0.113.5:6432/shop")), "DD6042").size(), 1u);
  // A private address may be a pod's or a ClusterIP: with no rule for TCP 5432
  // but the ipBlock it is still denied; with a podSelector rule for that port
  // it may be one of those pods, so it is not judged. A public one is.
  EXPECT_EQ(of(lint_text(manifest("postgres://app@10.96.4.2:5432/shop")), "DD6042").size(), 1u);
  std::string to_db =
      "    - to:\n        - podSelector: {matchLabels: {role: db}}\n      ports: [{protocol: TCP, port: 5432}]\n";
  EXPECT_TRUE(of(lint_text(manifest("postgres://app@10.96.4.2:5432/shop") + to_db), "DD6042").empty());
  EXPECT_EQ(of(lint_text(manifest("postgres://app@198.51.100.7:5432/shop") + to_db), "DD6042").size(), 1u);
}

// fuzz_k8s_manifest found an input on which yaml-cpp 0.7's LoadAll loops
// forever, allocating: it is refused as malformed, with the line.
TEST(ManifestLoader, YamlCppEndlessDocumentsAreMalformedInput) {
  std::string path = std::string(DRYDOCK_SOURCE_DIR) + "/tests/k8s/yaml-cpp-loop.yaml.txt";
  k8s::ManifestSet set;
  try {
    k8s::load_file(set, path, "loop.yaml");
    FAIL() << "accepted";
  } catch (const InputError& e) {
    std::string what = e.what();
    EXPECT_EQ(what.rfind("loop.yaml:2:", 0), 0u) << what;
    EXPECT_NE(what.find("malformed YAML"), std::string::npos) << what;
  }
}

// A file named on the command line that parses as a YAML scalar (binary junk,
// a plain text file) is a wrong input: one line, "FILE: holds no Kubernetes
// object". In a folder the same file is skipped like any non-manifest YAML.
TEST(ManifestLoader, NamedScalarFileHoldsNoObject) {
  dd::test::TempDir d;
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"notes.yaml", "This is a plain text file, not a manifest.\nIt has two lines.\n"},
      {"junk.yaml", "\xde\xad\xbe\xef\x13\x37\x01\x02" "binary\xfe\xff\x10\x80\x81"},
  };
  for (const auto& [name, text] : inputs) {
    auto p = d.write("named/" + name, text);
    k8s::ManifestSet set;
    try {
      k8s::load_path(set, p);
      FAIL() << name << " accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()), p.string() + ": holds no Kubernetes object");
    }
  }
  // Binary junk that does not even parse (an ELF header): malformed, one
  // printable line with the file and line.
  {
    std::string elf("\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00\x01\x00\x00\x00"
                    "\x10\x6b\x00\x00\x00\x00\x00\x00\x40\x00\x00\x00",
                    40);
    auto p = d.write("elf.yaml", elf);
    k8s::ManifestSet set;
    try {
      k8s::load_path(set, p);
      FAIL() << "ELF accepted";
    } catch (const InputError& e) {
      std::string m = e.what();
      EXPECT_EQ(m.rfind(p.string() + ":1:", 0), 0u) << m;
      EXPECT_NE(m.find("malformed YAML"), std::string::npos) << m;
      for (unsigned char ch : m) EXPECT_TRUE(ch >= 0x20 && ch < 0x7f) << "unprintable byte in: " << m;
    }
  }
  // The folder holding them, plus a manifest: the junk is skipped, the manifest read.
  d.write("named/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {A: b}\n");
  k8s::ManifestSet set;
  EXPECT_NO_THROW(k8s::load_path(set, d.path() / "named"));
  ASSERT_EQ(set.objects().size(), 1u);
  EXPECT_EQ(set.objects()[0].name, "app");
  // A mapping without apiVersion/kind (a Helm values file) and an empty file
  // stay silent when named: they are YAML, just not objects.
  k8s::ManifestSet other;
  EXPECT_NO_THROW(k8s::load_path(other, d.write("values.yaml", "replicas: 2\nimage: {tag: v1}\n")));
  EXPECT_NO_THROW(k8s::load_path(other, d.write("empty.yaml", "# nothing\n")));
  EXPECT_TRUE(other.objects().empty());
}
