#include "knowledge/address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace dd::kb {
namespace {

std::string lower_copy(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string_view strip_brackets(std::string_view h) {
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') return h.substr(1, h.size() - 2);
  return h;
}

bool ends_with(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

}  // namespace

bool is_ip_literal(std::string_view host) {
  std::string h(strip_brackets(host));
  unsigned char buf[16];
  return inet_pton(AF_INET, h.c_str(), buf) == 1 || inet_pton(AF_INET6, h.c_str(), buf) == 1;
}

std::optional<bool> ip_in_cidr(std::string_view ip, std::string_view cidr) {
  std::string a(strip_brackets(ip)), net(cidr);
  int bits = -1;
  if (auto slash = net.find('/'); slash != std::string::npos) {
    std::string b = net.substr(slash + 1);
    net = net.substr(0, slash);
    if (b.empty() || b.size() > 3 || b.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    bits = std::stoi(b);
  }
  unsigned char x[16], y[16];
  size_t len = 0;
  if (inet_pton(AF_INET, a.c_str(), x) == 1 && inet_pton(AF_INET, net.c_str(), y) == 1) len = 4;
  else if (inet_pton(AF_INET6, a.c_str(), x) == 1 && inet_pton(AF_INET6, net.c_str(), y) == 1) len = 16;
  else return std::nullopt;
  if (bits < 0) bits = static_cast<int>(len * 8);
  if (bits > static_cast<int>(len * 8)) return std::nullopt;
  for (int i = 0; i < bits; ++i) {
    int byte = i / 8, bit = 7 - i % 8;
    if (((x[byte] >> bit) & 1) != ((y[byte] >> bit) & 1)) return false;
  }
  return true;
}

bool is_loopback_host(std::string_view host) {
  std::string h = lower_copy(strip_brackets(host));
  while (!h.empty() && h.back() == '.') h.pop_back();  // FQDN form "localhost."
  if (h.empty()) return false;
  if (h == "localhost" || h == "localhost.localdomain" || h == "ip6-localhost" || h == "ip6-loopback" ||
      ends_with(h, ".localhost"))
    return true;
  unsigned char buf[16];
  if (inet_pton(AF_INET, h.c_str(), buf) == 1) return buf[0] == 127;
  // Zone ids (::1%lo) are not part of the address.
  if (size_t pct = h.find('%'); pct != std::string::npos) h.resize(pct);
  if (inet_pton(AF_INET6, h.c_str(), buf) == 1) {
    static const unsigned char kLoop[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    if (std::memcmp(buf, kLoop, 16) == 0) return true;
    // ::ffff:127.x.y.z
    static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return std::memcmp(buf, kMapped, 12) == 0 && buf[12] == 127;
  }
  return false;
}

bool is_unspecified_host(std::string_view host) {
  std::string h(strip_brackets(host));
  unsigned char buf[16];
  if (inet_pton(AF_INET, h.c_str(), buf) == 1) return buf[0] == 0 && buf[1] == 0 && buf[2] == 0 && buf[3] == 0;
  if (inet_pton(AF_INET6, h.c_str(), buf) == 1) return std::all_of(buf, buf + 16, [](unsigned char c) { return c == 0; });
  return false;
}

std::optional<HostPort> parse_host_port(std::string_view v) {
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  if (v.empty()) return std::nullopt;
  std::string_view rest = v;
  // Go MySQL DSN: user:pw@tcp(host:port)/db
  if (size_t t = rest.find("tcp("); t != std::string_view::npos) {
    size_t close = rest.find(')', t);
    if (close != std::string_view::npos) rest = rest.substr(t + 4, close - t - 4);
  } else if (size_t scheme = rest.find("://"); scheme != std::string_view::npos) {
    rest = rest.substr(scheme + 3);
    size_t end = rest.find_first_of("/?#");
    if (end != std::string_view::npos) rest = rest.substr(0, end);
    // Several hosts (mongodb://a:1,b:2): the first decides here; callers
    // that need all split on ',' first.
    if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
    if (size_t comma = rest.find(','); comma != std::string_view::npos) rest = rest.substr(0, comma);
  } else {
    // host[:port] only when the value has no spaces or slashes.
    if (rest.find_first_of(" \t/=") != std::string_view::npos) return std::nullopt;
    if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  }
  if (rest.empty()) return std::nullopt;
  HostPort hp;
  if (rest.front() == '[') {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    hp.host = std::string(rest.substr(1, close - 1));
    rest = rest.substr(close + 1);
    if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
    else rest = {};
  } else if (std::count(rest.begin(), rest.end(), ':') > 1) {
    // A bare IPv6 address without brackets has no port.
    hp.host = std::string(rest);
    rest = {};
  } else {
    size_t colon = rest.find(':');
    hp.host = std::string(rest.substr(0, colon));
    rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
  }
  if (!rest.empty()) {
    int port = 0;
    for (char c : rest) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535) return std::nullopt;
      port = port * 10 + (c - '0');
    }
    if (port > 65535) return std::nullopt;
    hp.port = port;
  }
  if (hp.host.empty()) return std::nullopt;
  for (char c : hp.host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == ':' || c == '%'))
      return std::nullopt;
  return hp;
}

bool points_at_loopback(std::string_view value) {
  // A list of hosts (a,b or "a b") points at loopback when any does.
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find_first_of(", ;", start);
    std::string_view part = value.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (auto hp = parse_host_port(part); hp && is_loopback_host(hp->host)) return true;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  // mongodb://a:1,b:2 keeps its commas inside the authority.
  if (auto scheme = value.find("://"); scheme != std::string_view::npos) {
    std::string_view auth = value.substr(scheme + 3);
    auth = auth.substr(0, auth.find_first_of("/?#"));
    if (size_t at = auth.rfind('@'); at != std::string_view::npos) auth = auth.substr(at + 1);
    size_t s = 0;
    while (s <= auth.size()) {
      size_t e = auth.find(',', s);
      std::string_view h = auth.substr(s, e == std::string_view::npos ? std::string_view::npos : e - s);
      if (auto hp = parse_host_port(h); hp && is_loopback_host(hp->host)) return true;
      if (e == std::string_view::npos) break;
      s = e + 1;
    }
  }
  return false;
}

}  // namespace dd::kb
