// DD6012: the livenessProbe is the same as the readinessProbe.
#include "k8s/rules/probes.inc.h"

namespace dd::k8s {
namespace {

class ProbesIdentical : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const auto& c : w.pod.containers) {
      if (!c.liveness.present || !c.readiness.present || c.liveness.canonical != c.readiness.canonical) continue;
      Finding f = at(w, &c, c.liveness.at,
                     "Container '" + c.name + "' has a livenessProbe identical to its readinessProbe: when a dependency "
                     "is slow, every pod fails both and Kubernetes restarts them all at once",
                     "livenessProbe == readinessProbe", c.path + ".livenessProbe");
      f.root_cause = "Readiness should take the pod out of rotation; liveness should only catch a dead process.";
      f.fix = "livenessProbe:\n  httpGet: {path: /healthz, port: " + (c.liveness.port.empty() ? "8080" : c.liveness.port) +
              "}   # the process only, not its dependencies\n  failureThreshold: 6";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6012",
      .name = "k8s-liveness-equals-readiness",
      .category = Category::no_healthcheck,
      .severity = Severity::warning,
      .summary = "Liveness probe is identical to the readiness probe",
      .rationale = "A readiness failure (a slow database) then also fails liveness: pods are restarted in a cascade "
                   "instead of being taken out of rotation.",
      .fix = "Make the liveness probe cheaper and more tolerant than readiness (another path, higher failureThreshold).",
      .aliases = {"pod-probes-identical"},
      .tags = {"k8s", "probes"},
  });
};

DD_K8S_RULE(ProbesIdentical)

}  // namespace
}  // namespace dd::k8s
