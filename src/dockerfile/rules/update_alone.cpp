// DD2002: `RUN apt-get update` in its own layer, with the install in a later RUN.
#include "dockerfile/rules/incident_util.h"

namespace dd::dockerfile {
namespace {

bool is_update(const std::vector<std::string>& argv) {
  size_t p = kb::real_program(argv);
  if (p + 1 >= argv.size()) return false;
  std::string_view prog = kb::basename(argv[p]);
  const std::string& sub = argv[p + 1];
  return ((prog == "apt-get"sv || prog == "apt"sv || prog == "apk"sv) && sub == "update"sv) ||
         ((prog == "yum"sv || prog == "dnf"sv) && sub == "makecache"sv);
}

bool is_install(const std::vector<std::string>& argv) {
  size_t p = kb::real_program(argv);
  if (p >= argv.size()) return false;
  const kb::PackageManager* pm = kb::package_manager(kb::basename(argv[p]));
  if (!pm || pm->program.starts_with("pip")) return false;
  for (size_t i = p + 1; i < argv.size(); ++i) {
    if (argv[i].size() > 1 && argv[i][0] == '-') continue;
    return std::find(pm->install.begin(), pm->install.end(), argv[i]) != pm->install.end() || argv[i] == "upgrade"sv;
  }
  return false;
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
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD2002",
      .name = "update-in-own-layer",
      .domain = Domain::dockerfile,
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
