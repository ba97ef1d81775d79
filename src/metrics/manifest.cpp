#include "metrics/manifest.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "core/error.h"

namespace dd::metrics {
namespace {

void walk(const YAML::Node& n, const std::string& resource, std::vector<ManifestContainer>& out, int depth) {
  if (depth > 64) return;
  if (n.IsMap()) {
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string k = it->first.IsScalar() ? it->first.Scalar() : "";
      const YAML::Node& v = it->second;
      if (k == "containers" && v.IsSequence()) {
        for (const auto& c : v) {
          if (!c.IsMap() || !c["name"] || !c["name"].IsScalar()) continue;
          ManifestContainer mc;
          mc.resource = resource;
          mc.name = c["name"].Scalar();
          mc.line = c.Mark().line + 1;
          for (auto kv = c.begin(); kv != c.end(); ++kv)
            if (kv->first.IsScalar() && kv->first.Scalar() == "resources") mc.resources_line = kv->first.Mark().line + 1;
          if (auto r = c["resources"]) {
            for (const char* part : {"requests", "limits"}) {
              auto p = r.IsMap() ? r[part] : YAML::Node();
              if (!p || !p.IsMap()) continue;
              for (const char* res : {"cpu", "memory"})
                if (auto q = p[res]; q && q.IsScalar())
                  mc.fields.push_back({std::string(part) + "." + res, q.Scalar(), q.Mark().line + 1});
            }
          }
          out.push_back(std::move(mc));
        }
        continue;
      }
      walk(v, resource, out, depth + 1);
    }
  } else if (n.IsSequence()) {
    for (const auto& x : n) walk(x, resource, out, depth + 1);
  }
}

}  // namespace

std::vector<ManifestContainer> read_manifest(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open manifest");
  std::vector<ManifestContainer> out;
  try {
    for (const auto& doc : YAML::LoadAll(in)) {
      if (!doc.IsMap()) continue;
      std::string kind = doc["kind"] && doc["kind"].IsScalar() ? doc["kind"].Scalar() : "Object";
      std::string ns = "default", name;
      if (auto md = doc["metadata"]; md && md.IsMap()) {
        if (md["namespace"] && md["namespace"].IsScalar()) ns = md["namespace"].Scalar();
        if (md["name"] && md["name"].IsScalar()) name = md["name"].Scalar();
      }
      walk(doc, kind + "/" + ns + "/" + name, out, 0);
    }
  } catch (const YAML::Exception& e) {
    throw InputError(path + ":" + std::to_string(e.mark.line + 1) + ": malformed YAML: " + e.msg);
  }
  return out;
}

}  // namespace dd::metrics
