#include "scan/scan.h"

#include <algorithm>
#include <fstream>

#include "core/error.h"
#include "lint/discover.h"

namespace fs = std::filesystem;

namespace dd::scan {

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::dockerfile: return "dockerfile";
    case Kind::k8s_manifest: return "k8s";
    case Kind::compose: return "compose";
  }
  return "dockerfile";
}

std::vector<Scanner>& scanners() {
  static std::vector<Scanner> s;
  return s;
}

std::vector<ContextHinter>& context_hinters() {
  static std::vector<ContextHinter> h;
  return h;
}

namespace {

void apply_context_hints(const fs::path& root, std::vector<Input>& inputs) {
  std::vector<ContextHint> hints;
  for (const auto& in : inputs)
    for (const auto& h : context_hinters())
      if (h.kind == in.kind) {
        try {
          auto got = h.hints(in);
          hints.insert(hints.end(), got.begin(), got.end());
        } catch (const std::exception&) {
          // A malformed file is reported by its own scanner.
        }
      }
  std::error_code ec;
  for (const auto& h : hints) {
    auto want = fs::weakly_canonical(h.dockerfile, ec);
    if (!fs::is_regular_file(want, ec) || !fs::is_directory(h.context, ec)) continue;
    bool found = false;
    for (auto& in : inputs) {
      if (in.kind == Kind::dockerfile && fs::weakly_canonical(in.path, ec) == want) {
        in.context = h.context;
        found = true;
      }
    }
    if (!found)
      inputs.push_back({Kind::dockerfile, h.dockerfile, h.context, h.dockerfile.lexically_relative(root).generic_string()});
  }
}

bool skip_dir(const std::string& name) {
  return name == ".git" || name == "node_modules" || name == "vendor" || name == ".venv" || name == "venv" ||
         name == "__pycache__" || name == "target" || name == ".terraform" || name == "dist" || name == "build";
}

bool is_compose_name(const std::string& n) {
  return n == "docker-compose.yml" || n == "docker-compose.yaml" || n == "compose.yml" || n == "compose.yaml" ||
         (n.rfind("docker-compose.", 0) == 0 && (n.ends_with(".yml") || n.ends_with(".yaml")));
}

// A YAML file is a Kubernetes manifest when some document has top-level
// `apiVersion:` and `kind:` keys. Reads at most 4 MiB.
bool looks_like_k8s(const fs::path& p) {
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

}  // namespace

std::vector<Input> discover(const fs::path& root) {
  std::vector<Input> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) throw InputError(root.string() + ": cannot read directory: " + ec.message());
  size_t visited = 0;
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    if (++visited > 200000) break;  // bounded on huge trees
    const auto& e = *it;
    std::string name = e.path().filename().string();
    if (e.is_directory(ec)) {
      if (skip_dir(name) || it.depth() > 12) it.disable_recursion_pending();
      continue;
    }
    if (!e.is_regular_file(ec)) continue;
    std::string rel = e.path().lexically_relative(root).generic_string();
    if (lint::is_dockerfile_name(name)) {
      out.push_back({Kind::dockerfile, e.path(), e.path().parent_path(), rel});
    } else if (is_compose_name(name)) {
      out.push_back({Kind::compose, e.path(), {}, rel});
    } else if ((name.ends_with(".yaml") || name.ends_with(".yml")) && looks_like_k8s(e.path())) {
      out.push_back({Kind::k8s_manifest, e.path(), {}, rel});
    }
  }
  std::sort(out.begin(), out.end(), [](const Input& a, const Input& b) { return a.display < b.display; });
  return out;
}

Result run(const fs::path& root, const Config& config) {
  Result r;
  r.inputs = discover(root);
  apply_context_hints(root, r.inputs);
  for (const auto& in : r.inputs)
    for (const auto& s : scanners())
      if (s.kind == in.kind) s.run(in, config, r.findings);
  return r;
}

}  // namespace dd::scan
