// DD6003: a JVM or Node heap set at or above the container's memory limit.
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class HeapAboveLimit : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      auto lim = kb::parse_memory(c->resources.memory_limit);
      if (!lim || *lim <= 0) continue;
      for (const auto& h : heap_flags(w, *c)) {
        std::string msg;
        if (h.bytes > 0 && h.bytes * 100 > *lim * 90) {
          msg = std::string(h.node ? "Node's old-space heap" : "The JVM heap") + " (" + h.text + " in " + h.where + ", " +
                kb::human_bytes(h.bytes) + ") is " + (h.bytes >= *lim ? "at or above" : "above 90% of") +
                " the memory limit of container '" + c->name + "' (" + c->resources.memory_limit +
                "): heap plus the runtime's own memory exceed the limit and the kernel OOM-kills it (exit 137)";
        } else if (h.percent > 90) {
          msg = "-XX:MaxRAMPercentage=" + fmt_percent(h.percent) + " (in " + h.where + ") gives the heap nearly all of " +
                c->resources.memory_limit + ": metaspace, threads and direct buffers push the JVM over the limit";
        } else {
          continue;
        }
        Finding f = at(w, c, h.at, msg, h.text, c->path);
        f.root_cause = "The heap is only part of a runtime's memory; the limit must hold heap, metaspace/code, stacks and buffers.";
        int64_t heap = *lim * 3 / 4;
        f.fix = h.node ? "--max-old-space-size=" + std::to_string(heap / (1024 * 1024)) +
                             " (about 75% of the limit), or raise limits.memory"
                       : "-XX:MaxRAMPercentage=75 in place of " + h.text + " (the heap follows the limit), or raise limits.memory";
        f.tags.push_back(h.node ? "node" : "jvm");
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  static std::string fmt_percent(double p) {
    std::string s = std::to_string(p);
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) s.pop_back();
    return s;
  }
  const RuleInfo& info_ = Rules::add({
      .id = "DD6003",
      .name = "k8s-heap-above-memory-limit",
      .category = Category::oom_killed,
      .severity = Severity::error,
      .summary = "Runtime heap is set at or above the container's memory limit",
      .rationale = "-Xmx, MaxRAMPercentage or --max-old-space-size sized for a laptop: the heap grows into the limit "
                   "and the container is OOMKilled under load, in a CrashLoopBackOff.",
      .fix = "Size the heap to about 75% of limits.memory (-XX:MaxRAMPercentage=75), or raise the limit.",
      .tags = {"k8s", "jvm", "node"},
  });
};

DD_K8S_RULE(HeapAboveLimit)

}  // namespace
}  // namespace dd::k8s
