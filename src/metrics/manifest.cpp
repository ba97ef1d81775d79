#include "metrics/manifest.h"

#include <fmt/format.h>

#include "k8s/manifest.h"

namespace dd::metrics {

std::vector<ManifestContainer> read_manifest(const std::string& path) {
  k8s::ManifestSet set;
  k8s::load_path(set, path);
  std::vector<ManifestContainer> out;
  for (const auto& o : set.objects()) {
    if (!o.pod) continue;
    for (const auto& c : o.pod->containers) {
      ManifestContainer mc;
      mc.file = o.file;
      mc.resource = o.resource();
      mc.kind = o.kind;
      mc.name = o.name;
      mc.ns = o.namespace_;
      mc.container = c.name;
      mc.line = c.at.line;
      mc.resources_line = c.has_resources ? c.resources.at.line : 0;
      const auto& r = c.resources;
      auto add = [&](const char* p, const std::string& v, const k8s::Mark& at) {
        if (at.known()) mc.fields.push_back({p, v, at.line});
      };
      add("requests.cpu", r.cpu_request, r.cpu_request_at);
      add("requests.memory", r.memory_request, r.memory_request_at);
      add("limits.cpu", r.cpu_limit, r.cpu_limit_at);
      add("limits.memory", r.memory_limit, r.memory_limit_at);
      out.push_back(std::move(mc));
    }
  }
  return out;
}

const ManifestContainer* match(const std::vector<ManifestContainer>& ms, const Key& key) {
  const ManifestContainer* best = nullptr;
  size_t same_name = 0;
  for (const auto& m : ms) {
    if (m.container != key.container) continue;
    ++same_name;
    if (!m.ns.empty() && !key.ns.empty() && m.ns != key.ns) continue;
    if (key.pod.empty()) continue;
    bool named = key.pod == m.name || (key.pod.size() > m.name.size() && key.pod.compare(0, m.name.size(), m.name) == 0 &&
                                       key.pod[m.name.size()] == '-');
    if (named && (!best || m.name.size() > best->name.size())) best = &m;
  }
  if (!best && key.pod.empty() && same_name == 1)
    for (const auto& m : ms)
      if (m.container == key.container) best = &m;
  return best;
}

void point_at_manifest(std::vector<Finding>& fs, const std::vector<Container>& cs,
                       const std::vector<ManifestContainer>& ms, const std::string& path) {
  for (const auto& c : cs) {
    const ManifestContainer* m = match(ms, c.key);
    if (!m) continue;
    Location at = location_of(c);
    std::string changes;
    for (auto& [p, v] : c.rec.values()) {
      const ManifestContainer::Field* fld = nullptr;
      for (auto& x : m->fields)
        if (x.path == p) fld = &x;
      if (fld && fld->value == v) continue;
      changes += changes.empty() ? "" : "; ";
      changes += fld ? fmt::format("line {}: {}: {} -> {}", fld->line, p, fld->value, v) : fmt::format("add {}: {}", p, v);
    }
    for (auto& f : fs) {
      if (f.rule != "DD8005" && f.rule != "DD8006" && f.rule != "DD8002" && f.rule != "DD8004") continue;
      if (f.location.container != at.container || f.location.resource != at.resource || f.location.file != at.file) continue;
      f.location.file = m->file.empty() ? path : m->file;
      f.location.line = m->resources_line ? m->resources_line : m->line;
      f.location.resource = m->resource;
      if (changes.empty()) continue;
      f.message += m->resources_line
                       ? fmt::format(" — in {}, container {} (resources: line {}): {}", f.location.file, m->container, m->resources_line, changes)
                       : fmt::format(" — in {}, container {} (line {}) has no resources: block: {}", f.location.file, m->container, m->line, changes);
    }
  }
}

}  // namespace dd::metrics
