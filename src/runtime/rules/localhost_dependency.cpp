// DD5211: connection refused by 127.0.0.1 / localhost / ::1: inside a
// container the loopback is the container itself, not the host or another
// service. Names the env vars that point there.
#include "knowledge/address.h"
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_localhost_dependency = Rules::add(
    "DD5211", "localhost-dependency", Category::network_unreachable, Severity::error,
    "The app looks for a dependency on localhost inside its own container",
    "What was localhost on a laptop is the container itself in production: the database or API is in another "
    "container, reachable by its service name.",
    "-e DB_HOST=db   # the dependency's service name on a user-defined network");

// Parsed by the knowledge layer: 127.0.0.0/8, ::1, localhost names; never a
// substring ("10.127.0.5" is another machine).
bool loopback(const std::string& s) { return kb::points_at_loopback(s); }

// The env assignment pointed at the service "db", with any URL password
// replaced by a placeholder.
std::string with_service(std::string v) {
  auto scheme = v.find("://");
  auto at = scheme == std::string::npos ? std::string::npos : v.find('@', scheme + 3);
  auto colon = scheme == std::string::npos ? std::string::npos : v.find(':', scheme + 3);
  if (at != std::string::npos && colon != std::string::npos && colon < at)
    v.replace(colon + 1, at - colon - 1, "PASSWORD");
  if (auto hp = kb::parse_host_port(v); hp && kb::is_loopback_host(hp->host)) {
    std::string host = hp->host;
    size_t pos = v.find("[" + host + "]");
    if (pos != std::string::npos) return v.replace(pos, host.size() + 2, "db");
    pos = v.find(host);
    if (pos != std::string::npos) return v.replace(pos, host.size(), "db");
  }
  return v;
}

class LocalhostDependency : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_localhost_dependency; }
  void check(Diagnosis& d) const override {
    LogMatch* m = nullptr;
    for (auto& c : d.matches)
      if (!c.consumed && c.sig->rule == std::string("DD5103") &&
          (loopback(c.subject) || (c.subject.empty() && loopback(c.line->text)))) {
        m = &c;
        break;
      }
    if (!m) return;
    const ContainerState& s = d.state;
    auto envs = loopback_env(s);
    std::string target = m->subject.empty() ? "localhost" : m->subject;
    Finding f = d.at_line(kInfo_localhost_dependency.id, *m);
    std::string env_list;
    for (const auto& e : envs) env_list += (env_list.empty() ? "" : ", ") + clip(e, 150);
    if (!envs.empty()) f.evidence += "; " + s.fields.env + ": " + env_list;
    f.message = "container " + s.label() + " connects to " + target + ", which inside the container is the container itself" +
                (envs.empty() ? "" : " (set by " + env_list + ")");
    f.root_cause = "Nothing listens on " + target + " in this container: the dependency runs elsewhere and must be "
                   "addressed by its service name.";
    std::string fix = "docker network create app\ndocker run -d --network app --name db DEPENDENCY-IMAGE\n";
    if (!envs.empty()) {
      fix += "docker run --network app";
      for (const auto& e : envs) fix += " -e " + with_service(e);
      fix += " IMAGE";
    } else {
      fix += "docker run --network app -e DB_HOST=db IMAGE   # and make the app read its address from env";
    }
    f.fix = fix;
    f.tags = {"localhost", "network"};
    m->consumed = true;
    d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(LocalhostDependency)

}  // namespace
}  // namespace dd::runtime::rules
