#include "context/copy_sources.h"

#include "context/dockerignore.h"
#include "core/glob.h"

namespace dd::context {

std::vector<const Entry*> copy_sources(const BuildContext& ctx, std::string_view source,
                                       const std::vector<std::string>& excludes) {
  auto all = ctx.sources(source);
  if (excludes.empty()) return all;
  std::string joined;
  for (const auto& e : excludes) joined += e + "\n";
  auto ex = IgnoreMatcher::parse(joined);
  std::string base = clean_path(source);
  while (!base.empty() && base[0] == '/') base.erase(0, 1);
  std::vector<const Entry*> out;
  for (const auto* e : all) {
    std::string_view rel = e->path;
    if (base != "." && rel.size() > base.size() && rel.compare(0, base.size(), base) == 0 && rel[base.size()] == '/')
      rel.remove_prefix(base.size() + 1);
    if (ex.excluded(e->path) || ex.excluded(rel)) continue;
    out.push_back(e);
  }
  return out;
}

bool whole_context(std::string_view source) {
  std::string s = clean_path(source);
  while (!s.empty() && s[0] == '/') s.erase(0, 1);
  return s.empty() || s == "." || s == "*";
}

bool is_remote_source(std::string_view s) { return s.find("://") != std::string_view::npos || s.rfind("git@", 0) == 0; }

}  // namespace dd::context
