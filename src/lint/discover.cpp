#include "lint/discover.h"

#include <algorithm>

namespace fs = std::filesystem;

namespace dd::lint {

static bool ends_with(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

bool is_dockerfile_name(std::string_view n) {
  if (ends_with(n, ".dockerignore") || ends_with(n, ".md") || ends_with(n, ".orig") || ends_with(n, "~")) return false;
  if (n == "Dockerfile" || n == "Containerfile" || n == "dockerfile") return true;
  if (n.rfind("Dockerfile.", 0) == 0 || n.rfind("Containerfile.", 0) == 0) return true;
  if (ends_with(n, ".Dockerfile") || ends_with(n, ".dockerfile") || ends_with(n, ".Containerfile")) return true;
  return false;
}

std::vector<fs::path> dockerfiles_in(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && is_dockerfile_name(it->path().filename().string())) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace dd::lint
