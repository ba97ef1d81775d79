// DD6001: a container without a memory limit (or request).
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class MemoryLimitMissing : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      const auto& r = c->resources;
      if (!r.memory_limit.empty()) continue;
      std::string what = r.memory_request.empty() ? "neither a memory limit nor a memory request"
                                                  : "a memory request (" + r.memory_request + ") but no memory limit";
      Finding f = at(w, c, r.at, "Container '" + c->name + "' has " + what +
                                     ": it may use all of the node's memory until the kernel OOM-kills it or its neighbours",
                     r.memory_request.empty() ? "resources: (no memory)" : "requests.memory: " + r.memory_request,
                     c->path + ".resources.limits.memory");
      f.root_cause = "Without a limit the container is never bounded, and the scheduler cannot place it by its real use.";
      std::string req = r.memory_request.empty() ? "256Mi" : r.memory_request;
      f.fix = "resources:\n  requests:\n    memory: " + req + "\n  limits:\n    memory: " + req;
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6001",
      .name = "k8s-memory-limit-missing",
      .category = Category::oom_killed,
      .severity = Severity::warning,
      .summary = "Container has no memory limit",
      .rationale = "A container without a memory limit grows until the node runs out of memory; the kernel then kills "
                   "it or an unrelated pod, and the scheduler placed it without knowing its size.",
      .fix = "Set resources.requests.memory and resources.limits.memory (equal for Guaranteed QoS).",
      .aliases = {"container-resources", "unset-memory-requirements", "memoryLimitsMissing", "memoryRequestsMissing",
                  "CKV_K8S_12", "CKV_K8S_13"},
      .tags = {"k8s", "resources"},
  });
};

DD_K8S_RULE(MemoryLimitMissing)

}  // namespace
}  // namespace dd::k8s
