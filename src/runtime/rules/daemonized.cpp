// DD5203: exit 0 within seconds while the command daemonizes (service X
// start, nginx without "daemon off", a trailing &, -d): PID 1 forked the
// server into the background and exited, taking the container down.
#include <regex>

#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo = add_rule(
    "DD5203", "main-process-daemonized", Category::exits_immediately, "The main process daemonized and exited",
    "A container lives as long as PID 1. A command that forks the server into the background exits at once, and the "
    "container stops (or restart-loops) with it.",
    "CMD [\"nginx\", \"-g\", \"daemon off;\"]   # run the server in the foreground");

struct Pattern {
  const char* regex;
  const char* why;
  const char* fix;
};

// First match wins. `why` is appended to "the command ...".
const Pattern kPatterns[] = {
    {R"((?:^|[;&|]\s*|\s)(?:service\s+\S+\s+start|/etc/init\.d/\S+\s+start|systemctl\s+start))",
     "starts a service through its init script, which forks it into the background",
     "CMD [\"SERVER\", \"FOREGROUND-FLAG\"]   # run the server binary itself, e.g. CMD [\"nginx\", \"-g\", \"daemon off;\"]"},
    {R"(\bnginx\b)", "runs nginx, which daemonizes unless told \"daemon off;\"",
     "CMD [\"nginx\", \"-g\", \"daemon off;\"]"},
    {R"(\bapachectl\s+(?:-k\s+)?start\b)", "uses apachectl start, which daemonizes httpd",
     "CMD [\"httpd-foreground\"]   # or: CMD [\"apachectl\", \"-D\", \"FOREGROUND\"]"},
    {R"(\bredis-server\b.*--daemonize\s+yes)", "runs redis-server --daemonize yes",
     "CMD [\"redis-server\", \"--daemonize\", \"no\"]"},
    {R"(\bmysqld_safe\b)", "runs mysqld_safe, a wrapper that backgrounds mysqld", "CMD [\"mysqld\"]"},
    {R"(\bphp-fpm\S*\b)", "runs php-fpm without -F, which daemonizes", "CMD [\"php-fpm\", \"-F\"]"},
    {R"(\bsshd\b)", "runs sshd without -D, which daemonizes", "CMD [\"/usr/sbin/sshd\", \"-D\", \"-e\"]"},
    {R"(\bcrond?\b)", "runs cron without -f, which daemonizes", "CMD [\"cron\", \"-f\"]"},
    {R"(\bhttpd\b)", "runs httpd without -f/-DFOREGROUND, which daemonizes", "CMD [\"httpd\", \"-f\", \"-p\", \"8080\"]"},
    {R"(&\s*['"]?\s*$)", "ends with a trailing &, which puts the server in the background",
     "CMD [\"sh\", \"-c\", \"exec SERVER\"]   # drop the trailing & and exec the server"},
    {R"((?:^|\s)(?:-d|--daemon|--daemonize|--detach)(?:\s|$))", "passes a daemonize flag (-d/--daemon)",
     "Drop the -d/--daemon flag so the server stays in the foreground"},
};

// Flags that keep the matched program in the foreground.
bool foreground(const std::string& cmd, const Pattern& p) {
  std::string why = p.why;
  if (why.find("nginx") != std::string::npos) return cmd.find("daemon off") != std::string::npos;
  if (why.find("php-fpm") != std::string::npos)
    return std::regex_search(cmd, std::regex(R"((?:^|\s)(?:-F|--nodaemonize)(?:\s|$))"));
  if (why.find("sshd") != std::string::npos) return std::regex_search(cmd, std::regex(R"((?:^|\s)-D(?:\s|$))"));
  if (why.find("cron") != std::string::npos || why.find("httpd") != std::string::npos)
    return std::regex_search(cmd, std::regex(R"((?:^|\s)(?:-f|-n|-X|-DFOREGROUND|-D\s+FOREGROUND)(?:\s|$))"));
  return false;
}

class Daemonized : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(Diagnosis& d) const override {
    const ContainerState& s = d.state;
    if (!d.exited() || *s.exit_code != 0) return;
    bool short_run = s.uptime_seconds ? *s.uptime_seconds < kShortUptimeSeconds : s.restart_count > 0;
    if (!short_run) return;
    bool from_image = s.cmd.empty() && s.entrypoint.empty();
    std::vector<std::string> ep = from_image ? s.image_config.entrypoint : s.entrypoint;
    std::vector<std::string> cmd = from_image ? s.image_config.cmd : s.cmd;
    std::string line;
    for (auto* part : {&ep, &cmd})
      for (const auto& a : *part) line += (line.empty() ? "" : " ") + a;
    if (line.empty()) return;
    for (const auto& p : kPatterns) {
      if (!std::regex_search(line, std::regex(p.regex))) continue;
      if (foreground(line, p)) continue;
      const auto& fn = s.fields;
      std::string field = !cmd.empty() ? fn.cmd : fn.entrypoint;
      if (from_image) field = "Image." + field;
      Finding f = d.at_field(kInfo.id, field);
      char up[32] = "";
      if (s.uptime_seconds) std::snprintf(up, sizeof up, "%.1fs", *s.uptime_seconds);
      f.evidence = field + "=" + quote_list(!cmd.empty() ? cmd : ep) + ", " + fn.exit_code + "=0" +
                   (s.uptime_seconds ? std::string(", uptime ") + up : "");
      f.message = "container " + s.label() + " exited 0" + (s.uptime_seconds ? std::string(" after ") + up : "") +
                  ": the command `" + clip(line, 120) + "` " + p.why;
      f.root_cause = "PID 1 put the server in the background and exited, so the container stopped with it.";
      f.fix = p.fix;
      d.exit_explained = true;
      d.add(std::move(f));
      return;
    }
  }
};

DD_RUNTIME_RULE(Daemonized)

}  // namespace
}  // namespace dd::runtime::rules
