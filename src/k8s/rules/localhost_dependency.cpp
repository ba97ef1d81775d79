// DD6040: an env value pointing at localhost for another service.
#include "k8s/rules/dependency_env.inc.h"

namespace dd::k8s {
namespace {

class LocalhostDependency : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    if (w.pod.host_network || sidecar_injected(w.pod)) return;
    for (const auto& c : w.pod.containers) {
      for (const auto& e : env_seen(w, c)) {
        if (e.secret && e.from.empty()) continue;
        if (!names_a_dependency(e.name) || !kb::points_at_loopback(e.value)) continue;
        auto hp = kb::parse_host_port(e.value);
        int port = hp ? hp->port : 0;
        // localhost reaches the pod's own containers: a sidecar on that port is fine.
        bool served = false;
        for (const auto& other : w.pod.containers)
          for (const auto& p : other.ports) served = served || (port != 0 && p.container_port == port);
        if (served || (port == 0 && w.pod.containers.size() > 1)) continue;
        std::string shown = e.secret ? e.name + " (from " + e.from + ")" : e.name + "=" + e.value;
        Finding f = at(w, &c, e.at,
                       e.name + (e.from.empty() ? "" : " (from " + e.from + ")") + " of container '" + c.name +
                           "' points at localhost, which in a pod is the pod itself: no container of the pod listens " +
                           (port ? "on port " + std::to_string(port) : std::string("there")) +
                           ", so the connection is refused",
                       e.secret ? e.name + " (secret value hidden)" : shown, c.path + ".env");
        f.root_cause = "Works on a laptop where the dependency runs on the same host; in Kubernetes it is another pod behind a Service.";
        f.fix = "Use the dependency's Service name, e.g. " + e.name + "=<service>.<namespace>.svc.cluster.local" +
                (port ? ":" + std::to_string(port) : "");
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6040",
      .name = "k8s-localhost-dependency",
      .category = Category::network_unreachable,
      .severity = Severity::error,
      .summary = "Env points at localhost for another service",
      .rationale = "DATABASE_URL=postgres://localhost:5432 works on a laptop; in a pod, localhost is the pod and the "
                   "connection is refused (ECONNREFUSED 127.0.0.1).",
      .fix = "Address dependencies by their Service DNS name.",
      .tags = {"k8s", "network"},
  });
};

DD_K8S_RULE(LocalhostDependency)

}  // namespace
}  // namespace dd::k8s
