// DD6041: env naming a Service host that the set does not define (info).
#include "k8s/rules/dependency_env.inc.h"

namespace dd::k8s {
namespace {

class ServiceNameUnknown : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    if (!w.set.has_kind("Service")) return;
    for (const auto& c : w.pod.containers) {
      for (const auto& e : env_seen(w, c)) {
        if (e.secret || !names_a_dependency(e.name)) continue;
        auto sh = service_host(e.value, e.name);
        if (!sh) continue;
        std::string ns = sh->ns.empty() ? w.object.effective_namespace() : sh->ns;
        if (w.set.find("Service", ns, sh->service)) continue;
        // StatefulSet pod names (db-0.db) and names defined in another namespace of the set: not judged.
        bool elsewhere = false;
        for (const auto& o : w.set.objects())
          elsewhere = elsewhere || (o.kind == "Service" && o.name == sh->service);
        if (elsewhere && sh->ns.empty()) continue;
        std::string names;
        for (const auto& o : w.set.objects())
          if (o.kind == "Service" && o.effective_namespace() == ns) names += (names.empty() ? "" : ", ") + o.name;
        Finding f = at(w, &c, e.at,
                       e.name + " of container '" + c.name + "' names host '" + sh->host + "', but no Service " + sh->service +
                           " in namespace " + ns + " is among these manifests" +
                           (names.empty() ? "" : " (Services: " + names + ")") +
                           ": if it is not defined elsewhere, the lookup fails (NXDOMAIN)",
                       e.name + "=" + e.value, c.path + ".env");
        f.fix = "Check the host against the Service names, or add the Service " + sh->service;
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6041",
      .name = "k8s-service-name-unknown",
      .category = Category::network_unreachable,
      .severity = Severity::info,
      .summary = "Env names a Service these manifests do not define",
      .rationale = "A host written as the compose service name (db) while the Service is called postgres: the app "
                   "fails with a DNS error only once deployed. The Service may live in another repository, hence info.",
      .fix = "Use the name of the Service that fronts the dependency.",
      .tags = {"k8s", "network"},
  });
};

DD_K8S_RULE(ServiceNameUnknown)

}  // namespace
}  // namespace dd::k8s
