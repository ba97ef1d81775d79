// DD7001: a compose service without a memory limit.
#include "compose/compose.h"

namespace dd::compose {
namespace {

class NoMemoryLimit : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const File& file, Report& out) const override {
    for (const auto& s : file.services) {
      if (!s.memory_limit.empty()) continue;
      Finding f = at(file, s, s.at, "service '" + s.name + "' has no memory limit: it can take the host's memory until the kernel OOM-kills it or a neighbour",
                     s.name + ": (no mem_limit, no deploy.resources.limits.memory)");
      f.root_cause = "Without a limit the container is never told how much memory it may use, so runtimes size their heaps from the host.";
      f.fix = "services:\n  " + s.name + ":\n    deploy:\n      resources:\n        limits:\n          memory: 512M";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD7001",
      .name = "compose-no-memory-limit",
      .category = Category::oom_killed,
      .severity = Severity::warning,
      .summary = "Compose service has no memory limit",
      .rationale = "An unbounded container grows until the host or the kernel's OOM killer stops it, taking its neighbours along.",
      .fix = "Set deploy.resources.limits.memory (or mem_limit) to the service's measured peak plus headroom.",
      .tags = {"compose"},
  });
};

DD_COMPOSE_RULE(NoMemoryLimit)

}  // namespace
}  // namespace dd::compose
