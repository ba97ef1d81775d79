// A pod's fixes are YAML to paste, never docker flags.
#include <gtest/gtest.h>

#include "runtime/k8s_fix.h"

using dd::runtime::kubernetes_fix;

namespace {
bool has(const std::string& h, const std::string& n) { return h.find(n) != std::string::npos; }
}  // namespace

TEST(KubernetesFix, TmpfsBecomesAnEmptyDir) {
  auto f = kubernetes_fix("docker run --read-only --tmpfs /var/cache/nginx --tmpfs /var/run ...", "web");
  EXPECT_FALSE(has(f, "docker")) << f;
  EXPECT_TRUE(has(f, "readOnlyRootFilesystem: true")) << f;
  EXPECT_TRUE(has(f, "- name: var-cache-nginx\n    mountPath: /var/cache/nginx")) << f;
  EXPECT_TRUE(has(f, "volumes:\n  - name: var-cache-nginx\n    emptyDir: {}")) << f;
  EXPECT_TRUE(has(f, "mountPath: /var/run")) << f;
}

TEST(KubernetesFix, EnvMemoryAndComments) {
  auto e = kubernetes_fix("-e NODE_OPTIONS=--max-old-space-size=384   # about 75% of a 512m limit", "api");
  EXPECT_EQ(e, "# about 75% of a 512m limit\n# in container api:\nenv:\n  - name: NODE_OPTIONS\n"
               "    value: \"--max-old-space-size=384\"");
  auto m = kubernetes_fix("docker run --memory 1g --memory-reservation 768m ...", "api");
  EXPECT_TRUE(has(m, "requests:\n    memory: 768Mi")) << m;
  EXPECT_TRUE(has(m, "limits:\n    memory: 1Gi")) << m;
  auto q = kubernetes_fix("-e JAVA_TOOL_OPTIONS='-XX:MaxMetaspaceSize=256m -XX:MaxRAMPercentage=70.0'", "api");
  EXPECT_TRUE(has(q, "value: \"-XX:MaxMetaspaceSize=256m -XX:MaxRAMPercentage=70.0\"")) << q;
}

TEST(KubernetesFix, ProseAndOtherLinesKept) {
  auto f = kubernetes_fix("RUN mkdir -p /data && chown 1000:1000 /data\nUSER 1000:1000\n"
                          "# or mount a writable volume: docker run --tmpfs /data ...",
                          "app");
  EXPECT_FALSE(has(f, "docker run")) << f;
  EXPECT_TRUE(has(f, "RUN mkdir -p /data")) << f;
  EXPECT_TRUE(has(f, "# or mount a writable volume")) << f;
  EXPECT_TRUE(has(f, "mountPath: /data")) << f;
  auto n = kubernetes_fix("docker run --network app ...   # the network where db runs", "app");
  EXPECT_FALSE(has(n, "docker")) << n;
  EXPECT_TRUE(has(n, "Service name")) << n;
  // Nothing docker in it: unchanged.
  EXPECT_EQ(kubernetes_fix("startupProbe:\n  failureThreshold: 30", "app"), "startupProbe:\n  failureThreshold: 30");
}
