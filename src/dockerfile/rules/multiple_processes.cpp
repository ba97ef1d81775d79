// DD2090: a process supervisor runs several services in one container.
// DD2091: the start command runs several long-lived processes (`a & b`,
// `service a start && b`).
#include "dockerfile/rules/incident_util.h"

namespace dd::dockerfile {
namespace {

const RuleInfo& background_info() {
  static const RuleInfo& r = Registry::instance().add({
      .id = "DD2091",
      .name = "several-processes-in-cmd",
      .domain = Domain::dockerfile,
      .category = Category::multiple_processes,
      .severity = Severity::warning,
      .summary = "Start command runs several long-lived processes",
      .rationale = "With `php-fpm & nginx` nobody watches the background process: when it dies the container keeps "
                   "running and serves errors, and it never gets SIGTERM on shutdown.",
      .fix = "Run each process in its own container (two services in compose, two containers in the Pod)",
      .tags = {"process"},
  });
  return r;
}

class MultipleProcesses : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& chain = inc::final_chain(in);
    if (chain.empty()) return;
    const auto& all = inc::final_instructions(in);
    auto start = inc::start_command(all);
    const Instruction* owner = start.cmd ? start.cmd : start.entrypoint;
    auto cmds = inc::start_commands(in, start);
    if (cmds.empty()) return;
    for (const auto& c : cmds) {
      size_t p = kb::real_program(c.argv);
      if (p >= c.argv.size()) continue;
      std::string_view prog = kb::basename(c.argv[p]);
      if (kb::is_supervisor(prog) || c.argv[p] == "/init"sv) {
        const Instruction* where = start.entrypoint && c.range(p).begin.line == start.entrypoint->range.begin.line
                                       ? start.entrypoint : owner;
        Finding f = in.at(c.range(p), (c.argv[p] == "/init"sv ? std::string("s6-overlay /init") : std::string(prog)) + " on line " +
                                           std::to_string(where->range.begin.line) +
                                           " supervises several services in one container");
        f.root_cause = "A supervisor hides crashes from the orchestrator: it restarts children itself, mixes their "
                       "logs, and one container cannot be scaled or limited per service.";
        f.fix = "One process per container: split the services into separate containers and let Kubernetes or "
                "compose restart them";
        out.add(info_, std::move(f));
        return;
      }
    }
    // `a & b`: a background command followed by a foreground one, or a
    // daemonized service followed by another long-running command.
    for (size_t i = 0; i + 1 < cmds.size(); ++i) {
      const auto& c = cmds[i];
      size_t p = kb::real_program(c.argv);
      if (p >= c.argv.size()) continue;
      std::string_view prog = kb::basename(c.argv[p]);
      bool bg = c.background;
      bool started = (prog == "service"sv || c.argv[p].rfind("/etc/init.d/", 0) == 0) &&
                     std::find(c.argv.begin(), c.argv.end(), "start") != c.argv.end();
      if (!bg && !started) continue;
      if (!bg && !(kb::is_server_command(c.argv) || started)) continue;
      const auto& next = cmds.back();
      size_t np = kb::real_program(next.argv);
      if (np >= next.argv.size()) continue;
      std::string_view nprog = kb::basename(next.argv[np]);
      bool long_lived = kb::is_server_command(next.argv) ||
                        (nprog == "tail"sv && std::find(next.argv.begin(), next.argv.end(), "-f") != next.argv.end()) ||
                        (nprog == "sleep"sv && next.argv.size() > np + 1 && next.argv[np + 1] == "infinity"sv) ||
                        kb::daemon(nprog) != nullptr;
      if (!long_lived || next.background) continue;
      Finding f = in.at(c.whole(), owner->keyword + " on line " + std::to_string(owner->range.begin.line) + " runs " +
                                     inc::show(c.argv, p, 3) + (bg ? " in the background" : " as a daemon") +
                                     " next to " + inc::show(next.argv, np, 3) +
                                     ": two long-lived processes, only the last is watched");
      f.root_cause = "Only PID 1 is supervised: when the other process dies nothing restarts it and the container "
                     "looks healthy.";
      f.fix = "CMD [\"" + std::string(nprog) + "\", ...] here, and " + inc::show(c.argv, p, 3) + " in its own container";
      out.add(background_info(), std::move(f));
      return;
    }
  }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD2090",
      .name = "process-supervisor",
      .domain = Domain::dockerfile,
      .category = Category::multiple_processes,
      .severity = Severity::warning,
      .summary = "Process supervisor runs several services",
      .rationale = "supervisord, s6 or runit in a container hide crashes from the orchestrator, interleave logs, and "
                   "prevent scaling and resource limits per service.",
      .fix = "One service per container; compose or Kubernetes restarts and scales each one",
      .tags = {"process"},
  });
};

DD_DOCKERFILE_RULE(MultipleProcesses)
[[maybe_unused]] const RuleInfo& kBackground = background_info();

}  // namespace
}  // namespace dd::dockerfile
