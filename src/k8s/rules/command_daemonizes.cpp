// DD6060: a container's `command:`/`args:` daemonize its server (`mongod
// --fork`, `gunicorn -D`, `nginx -g 'daemon on;'`) or end with a trailing &,
// so PID 1 exits at once and the pod goes into CrashLoopBackOff. The
// judgement is the knowledge layer's (knowledge/command.h start_daemonizing),
// the one that lint's DD2010, compose, image config and diagnose ask.
#include "k8s/lint.h"
#include "knowledge/command.h"

namespace dd::k8s {
namespace {

class CommandDaemonizes : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    // A Job's process is meant to finish; init containers too.
    if (w.object.kind == "Job" || w.object.kind == "CronJob") return;
    for (const Container& c : w.pod.containers) {
      if (c.command.empty() && c.args.empty()) continue;  // the image's own start command
      // command replaces the image's ENTRYPOINT, args its CMD; with args
      // alone the image's entrypoint runs them (exec "$@"), so they decide.
      std::vector<std::string> argv = c.command;
      argv.insert(argv.end(), c.args.begin(), c.args.end());
      kb::ImageRef ref = kb::parse_image(c.image);
      auto d = kb::start_daemonizing(argv, ref.path, ref.tag);
      if (!d) continue;
      // The field that holds the daemonizing word.
      // (`command: [sh, -c]` with the script in args: the args.)
      bool in_args = c.command.empty() || (d->last.argv == argv ? d->how.word >= c.command.size() : c.command.size() < 3);
      Finding f = at(w, &c, in_args ? c.args_at : c.command_at,
                     "Container '" + c.name + "': " + d->how.why +
                         "; the kubelet restarts it over and over (CrashLoopBackOff)",
                     command_line(c), c.path + (in_args ? ".args" : ".command"));
      f.root_cause = "A container lives as long as its main process; a server that daemonizes leaves PID 1 with "
                     "nothing to wait for, so the container exits with code 0 and the kubelet restarts it.";
      std::string exec = d->background ? kb::exec_form({"sh", "-c", d->how.fix}) : kb::exec_form_of(d->how.fix);
      // The foreground form is the whole command line: it replaces what the
      // container runs (args alone when the image's entrypoint runs them).
      if (exec.empty()) f.fix = "Run the server in the foreground: " + d->how.fix;
      else if (c.command.empty()) f.fix = "args: " + exec;
      else f.fix = "command: " + exec + (c.args.empty() ? "" : "\nargs: []");
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6060",
      .name = "k8s-command-daemonizes",
      .category = Category::exits_immediately,
      .severity = Severity::error,
      .summary = "Container command daemonizes its server",
      .rationale = "A command that forks the server into the background (mongod --fork, gunicorn -D, php-fpm -D, "
                   "nginx -g 'daemon on;', a trailing &) returns at once: the container exits 0 and the pod goes "
                   "into CrashLoopBackOff.",
      .fix = "Run the server in the foreground (drop the daemonize flag or setting).",
      .tags = {"k8s"},
  });
};

DD_K8S_RULE(CommandDaemonizes)

}  // namespace
}  // namespace dd::k8s
