// DD6013: a probe on a port the container does not declare.
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class ProbePortUnknown : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const auto& c : w.pod.containers) {
      for (const Probe* p : {&c.liveness, &c.readiness, &c.startup}) {
        if (!p->present || p->port.empty()) continue;
        const char* kind = p == &c.liveness ? "livenessProbe" : p == &c.readiness ? "readinessProbe" : "startupProbe";
        bool numeric = p->port.find_first_not_of("0123456789") == std::string::npos;
        bool found = false;
        for (const auto& cp : c.ports)
          found = found || (numeric ? std::to_string(cp.container_port) == p->port : cp.name == p->port);
        if (found) continue;
        std::string declared;
        for (const auto& cp : c.ports)
          declared += (declared.empty() ? "" : ", ") + std::to_string(cp.container_port) + (cp.name.empty() ? "" : " (" + cp.name + ")");
        Severity sev;
        std::string msg;
        if (!numeric) {
          // A named port must name one of the container's ports, or the probe fails on every try.
          sev = Severity::error;
          msg = std::string(kind) + " of container '" + c.name + "' uses the port name '" + p->port +
                "', which none of its ports has: the probe fails on every try" +
                (declared.empty() ? "" : " (ports: " + declared + ")");
        } else {
          if (c.ports.empty()) continue;  // ports are informational; nothing to compare with
          sev = Severity::warning;
          msg = std::string(kind) + " of container '" + c.name + "' checks port " + p->port +
                ", which is not among its declared ports (" + declared + "): the probe most likely fails";
        }
        Finding f = at(w, &c, p->port_at, msg, "port: " + p->port, c.path + "." + kind + ".port");
        f.severity = sev;
        f.fix = "port: " + (c.ports.empty() ? std::string("8080")
                                            : c.ports.front().name.empty() ? std::to_string(c.ports.front().container_port)
                                                                           : c.ports.front().name);
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6013",
      .name = "k8s-probe-port-not-declared",
      .category = Category::no_healthcheck,
      .severity = Severity::warning,
      .summary = "Probe checks a port the container does not declare",
      .rationale = "A probe on the wrong port fails forever: liveness restarts a healthy app in a loop, readiness keeps "
                   "it out of the Service.",
      .fix = "Point the probe at one of the container's ports (by number or name).",
      .aliases = {"liveness-port", "readiness-port", "startup-port"},
      .tags = {"k8s", "probes"},
  });
};

DD_K8S_RULE(ProbePortUnknown)

}  // namespace
}  // namespace dd::k8s
