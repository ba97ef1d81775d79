#include "scan/scan.h"

#include <algorithm>
#include <fstream>

#include "core/error.h"

namespace fs = std::filesystem;

namespace dd::scan {

std::vector<Detector>& detectors() {
  static std::vector<Detector> d;
  return d;
}

namespace {
// Detectors in the order they are asked.
std::vector<const Detector*> ordered_detectors() {
  std::vector<const Detector*> out;
  for (const auto& d : detectors()) out.push_back(&d);
  std::stable_sort(out.begin(), out.end(), [](const Detector* a, const Detector* b) {
    return a->order != b->order ? a->order < b->order : a->kind < b->kind;
  });
  return out;
}

const Detector* detect_with(const std::vector<const Detector*>& order, const fs::path& file) {
  const std::string name = file.filename().string();
  for (const Detector* d : order)
    if (d->by_name && d->by_name(name)) return d;
  for (const Detector* d : order)
    if (d->by_content && d->by_content(file, name)) return d;
  return nullptr;
}
}  // namespace

const Detector* detect(const fs::path& file) { return detect_with(ordered_detectors(), file); }

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
      if (in.kind == kDockerfile && fs::weakly_canonical(in.path, ec) == want) {
        in.context = h.context;
        found = true;
      }
    }
    if (!found)
      inputs.push_back({Kind(kDockerfile), h.dockerfile, h.context, h.dockerfile.lexically_relative(root).generic_string()});
  }
}

bool skip_dir(const std::string& name) {
  return name == ".git" || name == "node_modules" || name == "vendor" || name == ".venv" || name == "venv" ||
         name == "__pycache__" || name == "target" || name == ".terraform" || name == "dist" || name == "build";
}

}  // namespace

std::vector<Input> discover(const fs::path& root) {
  std::vector<Input> out;
  const auto order = ordered_detectors();
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
    if (const Detector* d = detect_with(order, e.path()))
      out.push_back({d->kind, e.path(), d->build_context ? e.path().parent_path() : fs::path(), rel});
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
