#pragma once
// Shared by the network rules: env values that name a dependency's address.
#include <optional>

#include "k8s/lint.h"
#include "knowledge/address.h"

namespace dd::k8s {

// Env names that hold an address of another service: DB_HOST, REDIS_URL, KAFKA_BROKERS...
inline bool names_a_dependency(std::string_view name) {
  std::string up;
  for (char c : name) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (std::string_view no : {"LISTEN", "BIND", "PUBLIC_URL", "BASE_URL", "CALLBACK", "REDIRECT", "ORIGIN", "CORS", "PATH",
                              "HOSTNAME", "ALLOWED_HOSTS", "NO_PROXY"})
    // At a word start: DATABASE_URL is not a BASE_URL.
    for (size_t pos = up.find(no); pos != std::string::npos; pos = up.find(no, pos + 1))
      if (pos == 0 || up[pos - 1] == '_') return false;
  for (std::string_view k : {"HOST", "URL", "URI", "ADDR", "ENDPOINT", "SERVER", "DSN", "BROKER", "BOOTSTRAP"})
    if (up.find(k) != std::string::npos) return true;
  return false;
}

// A Service address in a value: name, name.ns, name.ns.svc, name.ns.svc.cluster.local.
struct ServiceHost {
  std::string service;
  std::string ns;  // "" when the value does not say
  int port = 0;
  std::string host;
};
// A bare word (no port, no scheme) counts only when the variable's name ends
// in HOST (DB_HOST=db), not for modes such as GET_HOSTS_FROM=dns.
inline std::optional<ServiceHost> service_host(std::string_view value, std::string_view var = {}) {
  auto hp = kb::parse_host_port(value);
  if (hp && hp->port == 0 && value.find("://") == std::string_view::npos && !var.ends_with("HOST") &&
      !var.ends_with("host"))
    return std::nullopt;
  if (!hp || hp->host.empty() || kb::is_ip_literal(hp->host) || kb::is_loopback_host(hp->host) ||
      kb::is_unspecified_host(hp->host))
    return std::nullopt;
  std::string h = hp->host;
  for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (h.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-.") != std::string::npos) return std::nullopt;
  std::vector<std::string> labels;
  size_t p = 0;
  while (true) {
    size_t d = h.find('.', p);
    labels.push_back(h.substr(p, d == std::string::npos ? std::string::npos : d - p));
    if (d == std::string::npos) break;
    p = d + 1;
  }
  ServiceHost s{labels[0], "", hp->port, h};
  if (labels.size() == 1) return s;
  bool svc_form = (labels.size() == 3 && labels[2] == "svc") ||
                  (labels.size() == 5 && labels[2] == "svc" && labels[3] == "cluster" && labels[4] == "local");
  if (!svc_form) return std::nullopt;  // some other DNS name
  s.ns = labels[1];
  return s;
}

inline bool sidecar_injected(const PodSpec& pod) {
  for (const auto& [k, v] : pod.annotations)
    if (k.find("dapr.io/") == 0 || k.find("inject") != std::string::npos || k.find("sidecar") != std::string::npos)
      return true;
  return false;
}

}  // namespace dd::k8s
