#pragma once
// Hosts and addresses, parsed and never matched as substrings: loopback is
// 127.0.0.0/8, ::1 (and its long and IPv4-mapped forms) and the names
// localhost, *.localhost, localhost.localdomain, ip6-localhost.
#include <optional>
#include <string>
#include <string_view>

namespace dd::kb {

// True when `host` (a name or an address, IPv6 with or without brackets)
// names the machine itself. "10.127.0.5" and "mylocalhost" are not.
bool is_loopback_host(std::string_view host);
// 0.0.0.0 and :: (listen on every interface).
bool is_unspecified_host(std::string_view host);
// A literal IPv4 or IPv6 address (not a name).
bool is_ip_literal(std::string_view host);

// True when `ip` (a literal address) lies in `cidr` ("10.0.0.0/8",
// "2001:db8::/32"; a bare address is a /32 or /128). nullopt when either does
// not parse or their families differ.
std::optional<bool> ip_in_cidr(std::string_view ip, std::string_view cidr);

struct HostPort {
  std::string host;  // without brackets
  int port = 0;      // 0 when absent
};
// The host (and port) of a URL or a host[:port] value:
//   postgres://user:pw@db:5432/app, redis://127.0.0.1, localhost:6379,
//   [::1]:8080, http://localhost/health, tcp(127.0.0.1:3306) (Go MySQL DSN),
//   jdbc:postgresql://localhost/db. nullopt when the value holds no host.
std::optional<HostPort> parse_host_port(std::string_view value);

// True when the value (an env value, a connection string, a flag) points at
// the machine itself through any host it names.
bool points_at_loopback(std::string_view value);

}  // namespace dd::kb
