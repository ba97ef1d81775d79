// DD7008: a service's `command:`/`entrypoint:` daemonizes its server
// (`mongod --fork`, `gunicorn -D`, `nginx -g 'daemon on;'`) or ends with a
// trailing &, so PID 1 exits at once and the service restart-loops. The
// judgement is the knowledge layer's (knowledge/command.h start_daemonizing),
// the one that lint's DD2010, k8s lint, image config and diagnose ask.
#include "compose/compose.h"
#include "knowledge/command.h"
#include "knowledge/image_ref.h"

namespace dd::compose {
namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

class CommandDaemonizes : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const File& file, Report& out) const override {
    for (const auto& s : file.services) {
      if (!s.has_command && !s.has_entrypoint) continue;  // the image's own start command
      // What the engine runs: the entrypoint (when overridden) then the command.
      std::vector<std::string> argv = s.entrypoint;
      argv.insert(argv.end(), s.command.begin(), s.command.end());
      if (argv.empty()) continue;
      kb::ImageRef ref = kb::parse_image(s.image);
      auto d = kb::start_daemonizing(argv, ref.path, ref.tag);
      if (!d) continue;
      bool in_command = s.has_command && !s.command.empty();
      const char* key = in_command ? "command" : "entrypoint";
      Finding f = at(file, s, in_command ? s.command_at : s.entrypoint_at,
                     "service '" + s.name + "' " + key + ": " + d->how.why,
                     std::string(key) + ": " + joined(in_command ? s.command : s.entrypoint));
      f.root_cause = "A container lives as long as its main process; a server that daemonizes leaves PID 1 with "
                     "nothing to wait for, so the container exits with code 0 and restarts in a loop.";
      std::string exec = d->background ? kb::exec_form({"sh", "-c", d->how.fix}) : kb::exec_form_of(d->how.fix);
      f.fix = exec.empty() ? "Run the server in the foreground: " + d->how.fix
                           : "services:\n  " + s.name + ":\n    " + key + ": " + exec;
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD7008",
      .name = "compose-command-daemonizes",
      .category = Category::exits_immediately,
      .severity = Severity::error,
      .summary = "Compose command daemonizes its server",
      .rationale = "A command that forks the server into the background (mongod --fork, gunicorn -D, php-fpm -D, "
                   "nginx -g 'daemon on;', a trailing &) returns at once: the container exits 0 and restart-loops.",
      .fix = "Run the server in the foreground (drop the daemonize flag or setting).",
      .tags = {"compose"},
  });
};

DD_COMPOSE_RULE(CommandDaemonizes)

}  // namespace
}  // namespace dd::compose
