// DD6010: a long-running container with no liveness, readiness or startup probe.
#include "k8s/rules/probes.inc.h"

namespace dd::k8s {
namespace {

class NoProbes : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    if (!long_running(w.object)) return;
    for (const auto& c : w.pod.containers) {
      if (c.liveness.present || c.readiness.present || c.startup.present) continue;
      Finding f = at(w, &c, c.at,
                     "Container '" + c.name + "' has no liveness, readiness or startup probe: Kubernetes sends traffic "
                     "before it is ready and never restarts it when it hangs",
                     "name: " + c.name, c.path);
      std::string port = c.ports.empty() ? "8080" : std::to_string(c.ports.front().container_port);
      f.fix = "readinessProbe:\n  httpGet: {path: /ready, port: " + port +
              "}\nlivenessProbe:\n  httpGet: {path: /healthz, port: " + port + "}\n  periodSeconds: 10\n  failureThreshold: 3";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6010",
      .name = "k8s-no-probes",
      .category = Category::no_healthcheck,
      .severity = Severity::warning,
      .summary = "Container has no probes",
      .rationale = "Without probes a pod is Ready as soon as its process starts, and a deadlocked process stays Running "
                   "forever: rollouts send traffic to pods that are not serving.",
      .fix = "Add a readinessProbe (and a livenessProbe that checks only the process itself).",
      .aliases = {"livenessProbeMissing", "no-liveness-probe", "pod-probes", "CKV_K8S_8"},
      .tags = {"k8s", "probes"},
  });
};

DD_K8S_RULE(NoProbes)

}  // namespace
}  // namespace dd::k8s
