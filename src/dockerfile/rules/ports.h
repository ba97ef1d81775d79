#pragma once
// EXPOSE words.
#include <string>
#include <vector>
#include "dockerfile/expand.h"
#include "dockerfile/rule.h"

namespace dd::dockerfile::util {

// An EXPOSE word split at '/': "8080/tcp" -> ports "8080", proto "tcp".
struct Port {
  std::string spec;   // the word as written
  std::string ports;  // before '/'
  std::string proto;  // after '/', as written
};
inline Port split_port(const std::string& w) {
  Port p{w, w, ""};
  auto slash = w.find('/');
  if (slash != std::string::npos) {
    p.ports = w.substr(0, slash);
    p.proto = w.substr(slash + 1);
  }
  return p;
}

}  // namespace dd::dockerfile::util

namespace dd::dockerfile::inc {

// EXPOSEd ports (numbers) with the instruction that declares them.
struct Port {
  int number = 0;
  const Instruction* ins = nullptr;
};
inline std::vector<Port> exposed_ports(const LintInput& in, const std::vector<const Instruction*>& chain) {
  std::vector<Port> out;
  for (const Instruction* i : chain) {
    if (i->kind != Kw::EXPOSE) continue;
    const auto& vars = in.scope(*i);
    for (const auto& a : i->args) {
      std::string v = expand(a.text, vars, in.df.escape).value;
      size_t n = 0;
      int p = 0;
      while (n < v.size() && n < 6 && v[n] >= '0' && v[n] <= '9') p = p * 10 + (v[n++] - '0');
      if (n > 0) out.push_back({p, i});
      else out.push_back({0, i});  // unresolved: still a service
    }
  }
  return out;
}

}  // namespace dd::dockerfile::inc
