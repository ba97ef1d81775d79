// DD6002: a memory limit below the memory request.
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class MemoryLimitBelowRequest : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      const auto& r = c->resources;
      if (r.memory_limit.empty() || r.memory_request.empty()) continue;
      auto lim = kb::parse_memory(r.memory_limit), req = kb::parse_memory(r.memory_request);
      if (!lim || !req || *lim >= *req) continue;
      Finding f = at(w, c, r.memory_limit_at,
                     "Container '" + c->name + "' has a memory limit (" + r.memory_limit + ") below its request (" +
                         r.memory_request + "): the API server rejects the pod",
                     "limits.memory: " + r.memory_limit + ", requests.memory: " + r.memory_request,
                     c->path + ".resources.limits.memory");
      f.root_cause = "A limit must be at least the request; the scheduler reserves the request, the kernel enforces the limit.";
      f.fix = "limits:\n  memory: " + r.memory_request;
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6002",
      .name = "k8s-memory-limit-below-request",
      .category = Category::oom_killed,
      .severity = Severity::error,
      .summary = "Memory limit is below the memory request",
      .rationale = "The pod is rejected at admission (limit must be >= request), or, if the request is lowered to fit, "
                   "the container is killed as soon as it uses what it asked for.",
      .fix = "Raise limits.memory to at least requests.memory.",
      .tags = {"k8s", "resources"},
  });
};

DD_K8S_RULE(MemoryLimitBelowRequest)

}  // namespace
}  // namespace dd::k8s
