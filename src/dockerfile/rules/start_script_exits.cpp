// DD2012: the start script (read from the build context or a COPY heredoc)
// ends by backgrounding or daemonizing its last command, so the script, which
// is PID 1, returns and the container exits.
#include "dockerfile/rules/start_script.h"

namespace dd::dockerfile {
namespace {

// The last command the script runs at top level, skipping a final `exit`.
const shell::Command* last_command(const shell::Script& sc) {
  const shell::Command* last = nullptr;
  for (const auto& c : sc.commands) {
    if (c.depth != 0 || c.argv.empty()) continue;
    if (c.argv[0].value == "exit"sv && last) continue;
    last = &c;
  }
  return last;
}

bool waits_after(const shell::Script& sc, const shell::Command* cmd) {
  bool after = false;
  for (const auto& c : sc.commands) {
    if (&c == cmd) after = true;
    else if (after && c.depth == 0 && !c.argv.empty() && c.argv[0].value == "wait"sv) return true;
  }
  return false;
}

class StartScriptExits : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& s = startscript::find(in);
    if (!s) return;
    auto sc = shell::parse(s->text);
    const shell::Command* last = last_command(sc);
    if (!last) return;
    dd::kb::Command cmd;
    for (const auto& w : last->argv) cmd.argv.push_back(w.value);
    cmd.locate();
    bool background = last->background || last->next == shell::Connector::background;
    std::string why, fix;
    size_t word = 0;
    const auto& chain = inc::final_chain(in);
    if (background) {
      if (waits_after(sc, last)) return;
      why = inc::show(cmd.argv) + " is started with & as the last command, so the script ends at once";
      fix = "exec " + inc::show(cmd.argv, 0, 64);
    } else if (!inc::daemonizes(inc::chain_base(chain), cmd, why, fix, word)) {
      return;
    }
    // The image configures the server to stay in the foreground.
    if (!background && inc::configured_foreground(inc::final_instructions(in))) return;
    int line = startscript::line_of(s->text, last->begin);
    std::string name = startscript::label(*s);
    Finding f = in.at(s->where, s->start->keyword + " runs " + name + ", whose last command (line " +
                                    std::to_string(line) + ") " + why + "; the container exits with it");
    f.evidence = inc::safe(name + ":" + std::to_string(line) + ": " + s->text.substr(last->begin, last->end - last->begin));
    f.root_cause = "The script is the container's main process. When its last command forks into the background the "
                   "script returns, PID 1 exits with status 0, and the orchestrator restarts it in a loop.";
    f.fix = "end " + name + " with: " + fix;
    out.add(info_, std::move(f));
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2012",
      .name = "start-script-exits",
      .category = Category::exits_immediately,
      .severity = Severity::error,
      .summary = "Start script ends by backgrounding or daemonizing its server",
      .rationale = "A start.sh that ends with `service nginx start`, `nginx`, `redis-server --daemonize yes` or "
                   "`node app.js &` returns at once, and the container exits with it.",
      .fix = "exec nginx -g 'daemon off;'   (as the last line of the script)",
      .tags = {"process"},
  });
};

DD_DOCKERFILE_RULE(StartScriptExits)

}  // namespace
}  // namespace dd::dockerfile
