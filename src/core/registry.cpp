#include "core/registry.h"

#include <cstdio>
#include <cstdlib>

namespace dd {

std::string_view to_string(Domain d) {
  switch (d) {
    case Domain::dockerfile: return "dockerfile";
    case Domain::context: return "context";
    case Domain::image: return "image";
    case Domain::runtime: return "runtime";
    case Domain::k8s: return "k8s";
    case Domain::compose: return "compose";
    case Domain::vuln: return "vuln";
    case Domain::metrics: return "metrics";
  }
  return "dockerfile";
}

Registry& Registry::instance() {
  static Registry r;
  return r;
}

const RuleInfo& Registry::add(RuleInfo info) {
  if (rules_.count(info.id)) {
    std::fprintf(stderr, "drydock: internal error: rule id %s registered twice\n", info.id.c_str());
    std::abort();
  }
  for (const auto& a : info.aliases) aliases_[a] = info.id;
  auto id = info.id;
  auto [it, _] = rules_.emplace(id, std::move(info));
  return it->second;
}

const RuleInfo* Registry::find(std::string_view id) const {
  auto it = rules_.find(id);
  return it == rules_.end() ? nullptr : &it->second;
}

std::string Registry::resolve(std::string_view id) const {
  if (rules_.count(id)) return std::string(id);
  auto it = aliases_.find(id);
  return it == aliases_.end() ? std::string() : it->second;
}

std::vector<const RuleInfo*> Registry::all() const {
  std::vector<const RuleInfo*> out;
  for (const auto& [_, r] : rules_) out.push_back(&r);
  return out;
}

}  // namespace dd
