// DD2002: `RUN apt-get update` in its own layer, with the install in a later RUN.
#include <optional>

#include "dockerfile/rule.h"
#include "dockerfile/rules/start_command.h"

namespace dd::dockerfile {
namespace {

// The managers whose index an update refreshes for a later install (zypper
// refreshes its repositories on every install by itself).
constexpr std::string_view kManagers[] = {"apt-get", "apt", "aptitude", "apk", "yum", "dnf", "dnf5", "microdnf", "tdnf"};

std::optional<dd::kb::PkgAction> action(const std::vector<std::string>& argv) {
  size_t p = kb::real_program(argv);
  auto pc = dd::kb::package_command(argv, p);
  if (!pc || std::find(std::begin(kManagers), std::end(kManagers), pc->pm->name) == std::end(kManagers))
    return std::nullopt;
  return pc->action;
}

bool is_update(const std::vector<std::string>& argv) { return action(argv) == dd::kb::PkgAction::update; }

bool is_install(const std::vector<std::string>& argv) {
  auto a = action(argv);
  return a == dd::kb::PkgAction::install || a == dd::kb::PkgAction::upgrade || a == dd::kb::PkgAction::dist_upgrade;
}

class UpdateAlone : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& st : in.df.stages) {
      const Instruction* update = nullptr;
      const Cmd* update_cmd = nullptr;
      std::vector<Cmd> keep;
      for (const Instruction* ins : stage_instructions(in.df, st)) {
        if (ins->kind != Kw::RUN) continue;
        const auto& cmds = instruction_commands(in, *ins);
        bool updates = false, installs = false;
        for (const auto& c : cmds) {
          updates = updates || is_update(c.argv);
          installs = installs || is_install(c.argv);
        }
        if (updates && !installs && !update) {
          update = ins;
          keep = std::move(cmds);
          for (const auto& c : keep)
            if (is_update(c.argv)) update_cmd = &c;
          continue;
        }
        if (update && installs && update_cmd) {
          Finding f = in.at(update_cmd->whole(),
                            "RUN " + inc::show(update_cmd->argv) + " on line " + std::to_string(update->range.begin.line) +
                                " is cached on its own, so the install on line " +
                                std::to_string(ins->range.begin.line) + " runs against stale package lists");
          f.root_cause = "The update layer is reused from cache for months while the install layer is rebuilt, so "
                         "the install asks mirrors for package versions that no longer exist.";
          f.fix = "RUN apt-get update && apt-get install -y --no-install-recommends <packages> && rm -rf "
                  "/var/lib/apt/lists/*";
          out.add(info_, std::move(f));
          break;
        }
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2002",
      .name = "update-in-own-layer",
      .category = Category::slow_build,
      .severity = Severity::warning,
      .summary = "Package index update in its own layer",
      .rationale = "A cached `apt-get update` layer goes stale; the later install fails with 404s from the mirror or "
                   "silently installs old versions.",
      .fix = "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*",
      .aliases = {"DS017", "AVD-DS-0017"},
      .tags = {"cache", "apt"},
  });
};

DD_DOCKERFILE_RULE(UpdateAlone)

}  // namespace
}  // namespace dd::dockerfile
