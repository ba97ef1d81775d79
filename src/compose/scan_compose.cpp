// The compose scanner: every compose rule over each compose file.
#include "compose/compose.h"
#include "scan/scan.h"

namespace dd::compose {
namespace {

bool is_compose_name(std::string_view n) {
  return n == "docker-compose.yml" || n == "docker-compose.yaml" || n == "compose.yml" || n == "compose.yaml" ||
         (n.starts_with("docker-compose.") && (n.ends_with(".yml") || n.ends_with(".yaml")));
}

void scan_compose(const scan::Input& in, const Config& config, std::vector<Finding>& out) {
  auto file = load(in.path, in.path.string());
  auto found = lint(file, config);
  out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
}

std::vector<scan::ContextHint> build_contexts(const scan::Input& in) {
  std::vector<scan::ContextHint> out;
  auto file = load(in.path);
  auto dir = in.path.parent_path();
  for (const auto& s : file.services) {
    if (s.build_context.empty() || s.build_context.find("://") != std::string::npos) continue;
    auto ctx = dir / s.build_context;
    out.push_back({ctx / s.dockerfile, ctx});
  }
  return out;
}

scan::DetectorRegistrar detector{{.kind = "compose", .order = 20, .by_name = is_compose_name}};
scan::ScannerRegistrar reg{{"compose", "compose", scan_compose}};
scan::ContextHinterRegistrar hints{{"compose", build_contexts}};

}  // namespace
}  // namespace dd::compose
