// DD7002: an environment value that points at localhost for another service.
#include <array>

#include "compose/compose.h"
#include "knowledge/address.h"

namespace dd::compose {
namespace {

struct Known {
  std::string_view port;
  std::string_view hint;  // substring of a service name or image
};
constexpr std::array<Known, 9> kPorts{{{"5432", "postgres"}, {"3306", "mysql"}, {"3306", "mariadb"},
                                      {"6379", "redis"}, {"27017", "mongo"}, {"5672", "rabbitmq"},
                                      {"9092", "kafka"}, {"9200", "elastic"}, {"11211", "memcached"}}};

// Parsed by the knowledge layer, never matched as a substring.
bool mentions_localhost(const std::string& v) {
  if (dd::kb::points_at_loopback(v)) return true;
  auto hp = dd::kb::parse_host_port(v);
  return hp && dd::kb::is_unspecified_host(hp->host);
}

bool names_a_dependency(const std::string& name) {
  for (std::string_view k : {"HOST", "URL", "URI", "ADDR", "ADDRESS", "ENDPOINT", "SERVER", "DSN", "BROKER"})
    if (name.find(k) != std::string::npos) return true;
  return false;
}

// The compose service that the value most likely means.
std::string likely_target(const File& file, const Service& self, const std::string& var, const std::string& value) {
  for (const auto& k : kPorts) {
    bool port_hit = value.find(std::string(":") + std::string(k.port)) != std::string::npos;
    bool name_hit = var.find(std::string(k.hint).substr(0, 5)) != std::string::npos ||
                    value.find(std::string(k.hint)) != std::string::npos;
    if (!port_hit && !name_hit) continue;
    for (const auto& s : file.services)
      if (&s != &self && (s.name.find(k.hint) != std::string::npos || s.image.find(k.hint) != std::string::npos))
        return s.name;
  }
  std::string lower;
  for (char c : var) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& s : file.services)
    if (&s != &self && lower.rfind(s.name, 0) == 0) return s.name;
  return {};
}

class LocalhostDependency : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const File& file, Report& out) const override {
    for (const auto& s : file.services) {
      for (const auto& e : s.env) {
        if (!e.has_value || !names_a_dependency(e.name) || !mentions_localhost(e.value)) continue;
        std::string target = likely_target(file, s, e.name, e.value);
        std::string msg = e.name + " points at localhost, which inside the '" + s.name +
                          "' container is the container itself, not " +
                          (target.empty() ? std::string("the dependency") : "the '" + target + "' service");
        Finding f = at(file, s, e.at, msg, shown_env(e));
        f.root_cause = "Each container has its own network namespace: localhost never reaches another service.";
        f.fix = target.empty() ? "Use the dependency's service name as the host, e.g. " + e.name + "=db"
                               : "Use the service name as the host: " + e.name + " with '" + target + "' in place of localhost";
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD7002",
      .name = "compose-localhost-dependency",
      .category = Category::network_unreachable,
      .severity = Severity::error,
      .summary = "Environment points at localhost for another service",
      .rationale = "Works on a laptop where everything runs on one host; in containers localhost is the container itself, "
                   "so the connection is refused.",
      .fix = "Address other services by their compose service name (or Kubernetes Service DNS name).",
      .tags = {"compose"},
  });
};

DD_COMPOSE_RULE(LocalhostDependency)

}  // namespace
}  // namespace dd::compose
