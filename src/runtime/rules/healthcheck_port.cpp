// DD5204: the container is unhealthy and its probe targets a port the
// process does not serve (not in ExposedPorts, not the port its log says it
// listens on).
#include <algorithm>
#include <regex>

#include "knowledge/address.h"
#include "knowledge/shell.h"
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_healthcheck_port = Rules::add(
    "DD5204", "healthcheck-wrong-port", Category::no_healthcheck, Severity::error, "The health check probes a port nothing listens on",
    "A probe on the wrong port fails forever: the orchestrator restarts or unroutes a healthy app.",
    "--health-cmd 'wget -q -O /dev/null http://127.0.0.1:PORT/ || exit 1'   # the port the app listens on");

int probe_port(const std::string& cmd) {
  // The port of the first URL or host:port word, parsed by the knowledge layer.
  for (const auto& c : shell::parse(cmd).commands)
    for (const auto& w : c.argv)
      if (w.value.find(':') != std::string::npos)
        if (auto hp = kb::parse_host_port(w.value); hp && hp->port >= 10) return hp->port;
  static const std::regex flag_re(R"((?:--port[= ]|-p\s*|\bport[= ])(\d{2,5}))");
  std::smatch m;
  if (std::regex_search(cmd, m, flag_re)) return std::atoi(m[1].str().c_str());
  return 0;
}

// Ports the log says the app listens on.
std::vector<std::pair<int, const LogEntry*>> listening_ports(const Logs& logs) {
  static const std::regex re(R"((?:listen|listening|started|running|serving|bound)[^\n]*?(?:port\s*|:)(\d{2,5})\b)",
                             std::regex::icase);
  std::vector<std::pair<int, const LogEntry*>> out;
  for (const auto& l : logs.lines) {
    if (l.text.size() > 1000) continue;
    std::smatch m;
    if (std::regex_search(l.text, m, re)) out.push_back({std::atoi(m[1].str().c_str()), &l});
  }
  return out;
}

std::string replace_port(std::string cmd, int from, int to) {
  std::string a = ":" + std::to_string(from);
  auto pos = cmd.find(a);
  if (pos != std::string::npos) return cmd.replace(pos, a.size(), ":" + std::to_string(to));
  std::string b = std::to_string(from);
  pos = cmd.find(b);
  if (pos != std::string::npos) cmd.replace(pos, b.size(), std::to_string(to));
  return cmd;
}

class HealthcheckPort : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_healthcheck_port; }
  void check(Diagnosis& d) const override {
    const ContainerState& s = d.state;
    bool failing = s.health_status == "unhealthy" || s.failing_streak > 0;
    const Healthcheck* hc = s.effective_healthcheck();
    if (!failing || !hc || hc->disabled()) return;
    std::string cmd = hc->command();
    int port = probe_port(cmd);
    if (port == 0) return;
    auto exposed = exposed_ports(s);
    auto listening = listening_ports(d.logs);
    bool known = std::find(exposed.begin(), exposed.end(), port) != exposed.end();
    for (auto& [p, _] : listening) known = known || p == port;
    if (known || (exposed.empty() && listening.empty())) return;
    int right = !listening.empty() ? listening.back().first : exposed.front();
    const auto& fn = s.fields;
    Finding f = d.at_field(kInfo_healthcheck_port.id, fn.healthcheck);
    std::string out = s.health_log.empty() ? "" : clip(s.health_log.back().output, 200);
    std::string ports;
    for (const auto& p : s.exposed_ports.empty() ? s.image_config.exposed_ports : s.exposed_ports)
      ports += (ports.empty() ? "" : ",") + p;
    f.evidence = fn.healthcheck + ".Test=" + quote_list(hc->test) + ", " + fn.exposed_ports + "=" +
                 (ports.empty() ? "none" : ports) +
                 (listening.empty() ? "" : ", log: " + clip(listening.back().second->text, 150)) +
                 (out.empty() ? "" : ", probe output: " + out);
    f.message = "container " + s.label() + " is " + (s.health_status.empty() ? "failing" : s.health_status) +
                ": the probe checks port " + std::to_string(port) + " but the app " +
                (listening.empty() ? "exposes " + ports : "listens on " + std::to_string(right));
    f.root_cause = "The health check probes port " + std::to_string(port) + ", where nothing listens, so it fails even "
                   "though the app may be fine.";
    std::string fixed = replace_port(cmd, port, right);
    f.fix = "--health-cmd '" + fixed + "'\n# Dockerfile:\nHEALTHCHECK CMD " + fixed;
    d.health_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(HealthcheckPort)

}  // namespace
}  // namespace dd::runtime::rules
