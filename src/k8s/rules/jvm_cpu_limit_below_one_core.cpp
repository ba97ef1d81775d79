// DD6005: a JVM or Node under a CPU limit below one core, its threads not pinned
// (-XX:ActiveProcessorCount, --v8-pool-size).
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class JvmCpuLimitBelowOneCore : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const auto& c : w.pod.containers) {
      if (c.resources.cpu_limit.empty()) continue;
      auto flags = heap_flags(w, c);
      Runtime rt = runtime_of(c);
      // Node is known from the image or command, or from its own flags
      // (--max-old-space-size in NODE_OPTIONS or args).
      bool node_flag = false;
      for (const auto& h : flags) node_flag = node_flag || h.node;
      if (rt != Runtime::node && node_flag && rt == Runtime::unknown) rt = Runtime::node;
      if (rt != Runtime::jvm && rt != Runtime::node) continue;
      auto cpu = kb::parse_cpu(c.resources.cpu_limit);
      if (!cpu || *cpu >= 1.0 || *cpu <= 0) continue;
      bool pinned = false;
      for (const auto& h : flags) pinned = pinned || (h.active_processor_count && h.node == (rt == Runtime::node));
      if (pinned) continue;
      Finding f;
      if (rt == Runtime::jvm) {
        f = at(w, &c, c.resources.cpu_limit_at,
               "JVM container '" + c.name + "' has a CPU limit of " + c.resources.cpu_limit +
                   " (under one core): JIT compiler and GC threads exhaust each 100ms CFS quota, so start-up and "
                   "GC pauses are throttled and probes time out",
               "limits.cpu: " + c.resources.cpu_limit, c.path + ".resources.limits.cpu");
        f.root_cause = "The JVM runs many threads at start-up and in GC; a sub-core quota is spent in a few milliseconds of each period.";
        f.fix = "limits:\n  cpu: \"1\"    # or more; and/or -XX:ActiveProcessorCount=1 in JAVA_TOOL_OPTIONS";
        f.tags.push_back("jvm");
      } else {
        f = at(w, &c, c.resources.cpu_limit_at,
               "Node container '" + c.name + "' has a CPU limit of " + c.resources.cpu_limit +
                   " (under one core): V8 sizes its GC and compiler thread pool from the node's cores, not the limit, "
                   "so garbage collection bursts exhaust each 100ms CFS quota and the event loop stalls",
               "limits.cpu: " + c.resources.cpu_limit, c.path + ".resources.limits.cpu");
        f.root_cause = "V8's background threads (GC marking, compilation) run in parallel with the event loop and share the sub-core quota.";
        f.fix = "limits:\n  cpu: \"1\"    # or more; and/or NODE_OPTIONS=--v8-pool-size=1";
        f.tags.push_back("node");
      }
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6005",
      .name = "k8s-jvm-cpu-limit-below-one-core",
      .category = Category::cpu_throttling,
      .severity = Severity::warning,
      .summary = "JVM or Node with a CPU limit below one core",
      .rationale = "Average CPU looks low, but the JVM's bursts (JIT, GC, class loading) and V8's GC and compiler "
                   "threads are throttled by the CFS quota: slow start-up, long pauses, failed liveness probes and "
                   "restarts.",
      .fix = "Give the runtime at least one core of limit, or pin its threads to what it really gets "
             "(-XX:ActiveProcessorCount, --v8-pool-size).",
      .tags = {"k8s", "jvm"},
  });
};

DD_K8S_RULE(JvmCpuLimitBelowOneCore)

}  // namespace
}  // namespace dd::k8s
