// DD6011: a container behind a Service without a readinessProbe.
#include "k8s/rules/probes.inc.h"

namespace dd::k8s {
namespace {

class ReadinessMissing : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    if (!long_running(w.object)) return;
    auto svcs = services_for(w);
    if (svcs.empty()) return;
    for (const auto& c : w.pod.containers) {
      if (c.readiness.present || c.ports.empty()) continue;
      if (!c.liveness.present && !c.startup.present) continue;  // DD6010 says it
      Finding f = at(w, &c, c.at,
                     "Container '" + c.name + "' serves Service " + svcs.front()->name +
                         " but has no readinessProbe: the Service routes requests to it as soon as it starts, and during "
                         "every rollout",
                     "name: " + c.name, c.path + ".readinessProbe");
      f.fix = "readinessProbe:\n  httpGet: {path: /ready, port: " + std::to_string(c.ports.front().container_port) + "}";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6011",
      .name = "k8s-readiness-probe-missing",
      .category = Category::no_healthcheck,
      .severity = Severity::warning,
      .summary = "Container behind a Service has no readiness probe",
      .rationale = "Endpoints include the pod the moment the process starts: requests during start-up and rollouts fail "
                   "with connection refused or 502.",
      .fix = "Add a readinessProbe on the serving port.",
      .aliases = {"readinessProbeMissing", "no-readiness-probe", "CKV_K8S_9"},
      .tags = {"k8s", "probes"},
  });
};

DD_K8S_RULE(ReadinessMissing)

}  // namespace
}  // namespace dd::k8s
