// DD2010: the start command daemonizes or backgrounds its process, so PID 1
// exits and the container stops seconds after start.
#include "dockerfile/rule.h"
#include "dockerfile/rules/start_command.h"
#include "knowledge/command.h"

namespace dd::dockerfile {
namespace {

class DaemonizingCommand : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& chain = inc::final_chain(in);
    if (chain.empty()) return;
    const auto& ins = inc::final_instructions(in);
    auto start = inc::start_command(ins);
    const Instruction* where = start.cmd ? start.cmd : start.entrypoint;
    if (!where) return;
    auto cmds = inc::start_commands(in, start);
    if (cmds.empty()) return;
    const Cmd& last = cmds.back();
    kb::ImageRef base = inc::chain_base(chain);
    std::string why, fix;
    size_t word = 0;
    Range r;
    auto daemon = last.background ? std::nullopt : dd::kb::daemonizing(last.argv, base.path, base.tag);
    // The image configures the server to stay in the foreground; an explicit
    // daemonize flag on the command line wins over the configuration.
    if (!last.background && (!daemon || daemon->flag.empty()) && inc::configured_foreground(ins)) return;
    if (last.background) {
      why = inc::show(last.argv) + " is started with & as the last command: the shell exits at once and takes the "
                                   "container with it";
      fix = "exec " + inc::show(last.argv, 0, 64);
      r = last.whole();
    } else if (daemon) {
      why = daemon->why;
      fix = daemon->fix;
      word = daemon->word;
      // A flag or setting is pointed at; an init-script verb (`service nginx
      // start`) or a server that forks by default is the whole command.
      bool pointed = !daemon->flag.empty() && (daemon->flag[0] == '-' || daemon->flag.find(' ') != std::string::npos);
      r = pointed && word < last.size() ? last.range(word) : last.whole();
    } else {
      return;
    }
    const Instruction* owner = where;
    if (start.entrypoint && start.cmd && r.begin.line == start.entrypoint->range.begin.line) owner = start.entrypoint;
    Finding f = in.at(r, owner->keyword + " on line " + std::to_string(owner->range.begin.line) + ": " + why);
    f.root_cause = "A container lives as long as its main process; a server that daemonizes leaves PID 1 with "
                   "nothing to wait for, so the container exits with code 0 and restarts in a loop.";
    f.fix = "CMD " + fix;
    // Mechanical fix: the whole CMD becomes the foreground command in exec form.
    if (owner->kind == Kw::CMD && cmds.size() == 1) {
      std::string exec = dd::kb::exec_form_of(last.background ? fix.substr(5) : fix);  // without "exec "
      if (!exec.empty()) {
        f.fix = "CMD " + exec;
        in.propose({owner->range, f.fix});
      }
    }
    out.add(info_, std::move(f));
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2010",
      .name = "daemonizing-command",
      .category = Category::exits_immediately,
      .severity = Severity::error,
      .summary = "Start command daemonizes or runs in the background",
      .rationale = "nginx, apachectl start, service X start, pg_ctl start, redis --daemonize yes or a trailing & all "
                   "leave PID 1 to exit: the container stops seconds after it starts.",
      .fix = "CMD [\"nginx\", \"-g\", \"daemon off;\"]",
      .tags = {"process"},
  });
};

DD_DOCKERFILE_RULE(DaemonizingCommand)

}  // namespace
}  // namespace dd::dockerfile
