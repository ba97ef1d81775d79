// DD2011: a service image whose start command finishes at once.
#include "dockerfile/rule.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/ports.h"
#include "dockerfile/rules/start_command.h"

namespace dd::dockerfile {
namespace {

bool server_image(const kb::ImageRef& r) {
  for (std::string_view s : {"nginx", "httpd", "redis", "postgres", "mysql", "mariadb", "mongo", "rabbitmq", "caddy",
                             "traefik", "haproxy", "tomcat", "jetty", "memcached", "elasticsearch"})
    if (r.path == s) return true;
  return false;
}

class OneShotCommand : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& chain = inc::final_chain(in);
    if (chain.empty()) return;
    const auto& ins = inc::final_instructions(in);
    auto start = inc::start_command(ins);
    if (!start.cmd || start.entrypoint) return;  // with an ENTRYPOINT, CMD is only arguments
    auto ports = inc::exposed_ports(in, ins);
    const Instruction* hc = stage_graph(in).final_in_force(Kw::HEALTHCHECK);
    bool service = !ports.empty() || (hc && hc->subtype != "NONE"sv) || server_image(inc::chain_base(chain));
    if (!service) return;
    const auto& cmds = instruction_commands(in, *start.cmd);
    if (cmds.empty()) return;
    const Cmd& last = cmds.back();
    if (last.background || !kb::is_one_shot_command(last.argv)) return;
    for (const auto& c : cmds)
      if (kb::is_server_command(c.argv)) return;
    size_t p = last.exe;
    std::string what = inc::show(last.argv, p, 3);
    std::string svc = !ports.empty() ? "the image EXPOSEs " + std::to_string(ports.front().number) +
                                           " on line " + std::to_string(ports.front().ins->range.begin.line)
                                     : "the image is a service";
    Range r = p < last.size() ? last.range(p) : last.whole();
    Finding f = in.at(r, "CMD " + what + " on line " + std::to_string(start.cmd->range.begin.line) +
                             " finishes at once, but " + svc + ": the container exits with code 0 and restarts in a loop");
    bool shell = what == "sh"sv || what == "bash"sv || what == "ash"sv || what == "/bin/sh"sv || what == "/bin/bash"sv;
    f.root_cause = shell ? "A shell with no TTY reads end-of-file on stdin and exits immediately."
                         : "The command does its work and returns; nothing keeps PID 1 alive to serve the port.";
    f.fix = "CMD [\"node\", \"server.js\"]  (run the server in the foreground; move build steps into RUN)";
    out.add(info_, std::move(f));
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2011",
      .name = "one-shot-command",
      .category = Category::exits_immediately,
      .severity = Severity::error,
      .summary = "Service image with a start command that finishes at once",
      .rationale = "CMD echo, ls, true, npm run build, python setup.py or a bare shell ends right away: the service "
                   "never listens and the orchestrator restarts it forever (Completed / CrashLoopBackOff).",
      .fix = "CMD [\"node\", \"server.js\"]",
      .tags = {"process"},
  });
};

DD_DOCKERFILE_RULE(OneShotCommand)

}  // namespace
}  // namespace dd::dockerfile
