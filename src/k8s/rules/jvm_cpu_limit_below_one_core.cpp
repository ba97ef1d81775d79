// DD6005: a JVM under a CPU limit below one core without -XX:ActiveProcessorCount.
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class JvmCpuLimitBelowOneCore : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const auto& c : w.pod.containers) {
      if (runtime_of(c) != Runtime::jvm || c.resources.cpu_limit.empty()) continue;
      auto cpu = kb::parse_cpu(c.resources.cpu_limit);
      if (!cpu || *cpu >= 1.0 || *cpu <= 0) continue;
      bool apc = false;
      for (const auto& h : heap_flags(w, c)) apc = apc || h.active_processor_count;
      if (apc) continue;
      Finding f = at(w, &c, c.resources.cpu_limit_at,
                     "JVM container '" + c.name + "' has a CPU limit of " + c.resources.cpu_limit +
                         " (under one core): JIT compiler and GC threads exhaust each 100ms CFS quota, so start-up and "
                         "GC pauses are throttled and probes time out",
                     "limits.cpu: " + c.resources.cpu_limit, c.path + ".resources.limits.cpu");
      f.root_cause = "The JVM runs many threads at start-up and in GC; a sub-core quota is spent in a few milliseconds of each period.";
      f.fix = "limits:\n  cpu: \"1\"    # or more; and/or -XX:ActiveProcessorCount=1 in JAVA_TOOL_OPTIONS";
      f.tags.push_back("jvm");
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD6005",
      .name = "k8s-jvm-cpu-limit-below-one-core",
      .domain = Domain::k8s,
      .category = Category::cpu_throttling,
      .severity = Severity::warning,
      .summary = "JVM with a CPU limit below one core",
      .rationale = "Average CPU looks low, but the JVM's bursts (JIT, GC, class loading) are throttled by the CFS quota: "
                   "slow start-up, long pauses, failed liveness probes and restarts.",
      .fix = "Give the JVM at least one core of limit, or pin -XX:ActiveProcessorCount to what it really gets.",
      .tags = {"k8s", "jvm"},
  });
};

DD_K8S_RULE(JvmCpuLimitBelowOneCore)

}  // namespace
}  // namespace dd::k8s
