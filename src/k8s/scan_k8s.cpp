// The Kubernetes scanner of `drydock scan`: every k8s rule over each manifest
// file, with the manifests beside it (same folder) as context, so ConfigMaps,
// Services and NetworkPolicies in sibling files count.
#include <algorithm>
#include <fstream>

#include "core/error.h"
#include "k8s/lint.h"
#include "scan/scan.h"

namespace dd::k8s {
namespace {

// A YAML file is a Kubernetes manifest when some document has top-level
// `apiVersion:` and `kind:` keys. Reads at most 4 MiB.
bool looks_like_k8s(const std::filesystem::path& p, std::string_view name) {
  if (!name.ends_with(".yaml") && !name.ends_with(".yml")) return false;
  std::ifstream in(p, std::ios::binary);
  std::string line;
  bool api = false, kind = false;
  size_t read = 0;
  while (std::getline(in, line) && read < (4u << 20)) {
    read += line.size() + 1;
    if (line.rfind("---", 0) == 0) {
      if (api && kind) return true;
      api = kind = false;
    }
    if (line.rfind("apiVersion:", 0) == 0) api = true;
    if (line.rfind("kind:", 0) == 0) kind = true;
    if (api && kind) return true;
  }
  return api && kind;
}

void scan_k8s(const scan::Input& in, const Config& config, std::vector<Finding>& out) {
  namespace fs = std::filesystem;
  ManifestSet set;
  const std::string self = in.path.string();
  load_file(set, in.path, self);  // malformed: InputError, as for every input
  std::error_code ec;
  std::vector<fs::path> siblings;
  for (fs::directory_iterator it(in.path.parent_path().empty() ? fs::path(".") : in.path.parent_path(), ec), end;
       !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (it->path() == in.path || !it->is_regular_file(ec)) continue;
    if (name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json")) siblings.push_back(it->path());
  }
  std::sort(siblings.begin(), siblings.end());
  for (const auto& s : siblings) {
    try {
      load_file(set, s, s.string());
    } catch (const InputError&) {
      // A broken sibling is reported when it is scanned itself.
    }
  }
  for (auto& f : lint(set, config.core(), config.k8s()))
    if (f.location.file == self) out.push_back(std::move(f));
}

scan::DetectorRegistrar detector{{.kind = "k8s", .order = 30, .by_content = looks_like_k8s}};
scan::ScannerRegistrar reg{{"k8s", "k8s", scan_k8s}};

}  // namespace
}  // namespace dd::k8s
