// DD7006: a service that others depend on, with no health check.
#include <algorithm>

#include "compose/compose.h"

namespace dd::compose {
namespace {

class NoHealthcheck : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const File& file, Report& out) const override {
    for (const auto& s : file.services) {
      if (s.has_healthcheck && !s.healthcheck_disabled) continue;
      std::vector<std::string> dependents;
      for (const auto& o : file.services)
        if (std::find(o.depends_on.begin(), o.depends_on.end(), s.name) != o.depends_on.end())
          dependents.push_back(o.name);
      if (dependents.empty()) continue;
      std::string who;
      for (const auto& d : dependents) who += (who.empty() ? "'" : ", '") + d + "'";
      Finding f = at(file, s, s.at,
                     "service '" + s.name + "' has no health check, so " + who +
                         (dependents.size() == 1 ? " starts" : " start") +
                         " as soon as its container exists, before it accepts connections",
                     s.name + ": (no healthcheck)");
      f.root_cause = "depends_on without a health condition only orders container creation, not readiness.";
      f.fix = "services:\n  " + s.name + ":\n    healthcheck:\n      test: [\"CMD\", \"<probe>\"]\n      interval: 10s\n      retries: 5\n  " +
              dependents.front() + ":\n    depends_on:\n      " + s.name + ":\n        condition: service_healthy";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD7006",
      .name = "compose-dependency-without-healthcheck",
      .category = Category::no_healthcheck,
      .severity = Severity::warning,
      .summary = "Compose dependency has no health check",
      .rationale = "Dependents connect before the dependency is ready and crash on start (connection refused), then restart-loop.",
      .fix = "Give the dependency a healthcheck and use depends_on with condition: service_healthy.",
      .tags = {"compose"},
  });
};

DD_COMPOSE_RULE(NoHealthcheck)

}  // namespace
}  // namespace dd::compose
