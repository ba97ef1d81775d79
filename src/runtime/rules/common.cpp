#include "runtime/rules/common.h"

#include <algorithm>

#include "knowledge/address.h"

namespace dd::runtime::rules {

std::string quote_list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ",";
    out += "\"" + clip(v[i], 200) + "\"";
  }
  return out + "]";
}

std::string writable_dir(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  auto slash = p.rfind('/');
  std::string last = slash == std::string::npos ? p : p.substr(slash + 1);
  bool looks_file = last.find('.') != std::string::npos && last[0] != '.';
  if (looks_file && slash != std::string::npos && slash > 0) return p.substr(0, slash);
  return p;
}

const Mount* mount_for(const ContainerState& s, const std::string& path) {
  const Mount* best = nullptr;
  for (const auto& m : s.mounts) {
    const std::string& d = m.destination;
    if (d.empty()) continue;
    bool inside = path == d || (path.size() > d.size() && path.compare(0, d.size(), d) == 0 && path[d.size()] == '/');
    if (inside && (!best || d.size() > best->destination.size())) best = &m;
  }
  return best;
}

std::vector<std::string> loopback_env(const ContainerState& s) {
  std::vector<std::string> out;
  for (auto* list : {&s.env, &s.image_config.env})
    for (const auto& e : *list) {
      auto eq = e.find('=');
      if (eq == std::string::npos) continue;
      std::string v = e.substr(eq + 1);
      if (kb::points_at_loopback(v)) {
        if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
      }
    }
  return out;
}

std::vector<int> exposed_ports(const ContainerState& s) {
  std::vector<int> out;
  for (auto* list : {&s.exposed_ports, &s.image_config.exposed_ports})
    for (const auto& p : *list) {
      int n = std::atoi(p.c_str());
      if (n > 0 && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    }
  return out;
}

}  // namespace dd::runtime::rules
