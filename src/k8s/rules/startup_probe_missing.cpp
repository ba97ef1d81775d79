// DD6014: a long initialDelaySeconds instead of a startupProbe.
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class StartupProbeMissing : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const auto& c : w.pod.containers) {
      if (c.startup.present || !c.liveness.present || c.liveness.initial_delay_seconds < 60) continue;
      Finding f = at(w, &c, c.liveness.initial_delay_at,
                     "livenessProbe of container '" + c.name + "' waits " + std::to_string(c.liveness.initial_delay_seconds) +
                         "s before the first check: a hang during that time goes unnoticed, and a start that is slower "
                         "still is killed in a restart loop",
                     "initialDelaySeconds: " + std::to_string(c.liveness.initial_delay_seconds),
                     c.path + ".livenessProbe.initialDelaySeconds");
      int periods = (c.liveness.initial_delay_seconds + 9) / 10 * 2;
      f.fix = "startupProbe:   # same check as the livenessProbe\n  periodSeconds: 10\n  failureThreshold: " +
              std::to_string(periods) + "\n# and drop initialDelaySeconds from the livenessProbe";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6014",
      .name = "k8s-startup-probe-missing",
      .category = Category::no_healthcheck,
      .severity = Severity::info,
      .summary = "Long liveness initialDelaySeconds without a startupProbe",
      .rationale = "A fixed delay is either too long (hangs go unseen) or too short on a slow node (CrashLoopBackOff of "
                   "a healthy app); a startupProbe adapts.",
      .fix = "Add a startupProbe with the liveness check and a failureThreshold covering the slowest start.",
      .tags = {"k8s", "probes"},
  });
};

DD_K8S_RULE(StartupProbeMissing)

}  // namespace
}  // namespace dd::k8s
