#include "core/image_store.h"

#include <algorithm>
#include <cctype>

namespace dd {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool valid_part(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.';
  });
}

// "v7" -> 7; -1 when the variant is not a plain vN.
int variant_number(std::string_view v) {
  if (v.size() < 2 || v[0] != 'v') return -1;
  int n = 0;
  for (char c : v.substr(1)) {
    if (c < '0' || c > '9' || n > 1000) return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

Platform Platform::normalized(std::string os, std::string arch, std::string variant) {
  Platform p{lower(std::move(os)), lower(std::move(arch)), lower(std::move(variant))};
  if (!p.variant.empty() && std::isdigit(static_cast<unsigned char>(p.variant[0]))) p.variant = "v" + p.variant;
  if (p.os == "macos") p.os = "darwin";
  if (p.arch == "i386") {
    p.arch = "386";
    p.variant.clear();
  } else if (p.arch == "x86_64" || p.arch == "x86-64" || p.arch == "amd64") {
    p.arch = "amd64";
    if (p.variant == "v1") p.variant.clear();
  } else if (p.arch == "aarch64" || p.arch == "arm64") {
    p.arch = "arm64";
    if (p.variant == "v8" || p.variant == "v8.0") p.variant.clear();
  } else if (p.arch == "armhf") {
    p.arch = "arm";
    p.variant = "v7";
  } else if (p.arch == "armel") {
    p.arch = "arm";
    p.variant = "v6";
  } else if (p.arch == "arm") {
    if (p.variant.empty()) p.variant = "v7";
  }
  return p;
}

std::optional<Platform> Platform::parse(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t slash = text.find('/', start);
    parts.push_back(text.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  for (auto part : parts)
    if (!valid_part(part)) return std::nullopt;
  if (parts.size() == 1) return normalized("linux", std::string(parts[0]), "");
  if (parts.size() == 2) return normalized(std::string(parts[0]), std::string(parts[1]), "");
  if (parts.size() == 3) return normalized(std::string(parts[0]), std::string(parts[1]), std::string(parts[2]));
  return std::nullopt;
}

std::string Platform::str() const {
  std::string s = os + "/" + arch;
  if (!variant.empty()) s += "/" + variant;
  return s;
}

bool Platform::runs_as(const Platform& wanted) const {
  if (os != wanted.os || arch != wanted.arch) return false;
  if (variant == wanted.variant || variant.empty()) return true;
  if (wanted.variant.empty()) return variant_number(variant) >= 0 && variant_number(variant) <= (arch == "arm" ? 7 : 1);
  int have = variant_number(variant), want = variant_number(wanted.variant);
  return have >= 0 && want >= 0 && have <= want;
}

std::vector<std::string> path_dirs(const LocalImage& image) {
  std::string path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  for (const auto& e : image.env)
    if (e.rfind("PATH=", 0) == 0) path = e.substr(5);
  std::vector<std::string> dirs;
  size_t start = 0;
  while (start <= path.size()) {
    size_t colon = path.find(':', start);
    std::string d = path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    while (d.size() > 1 && d.back() == '/') d.pop_back();
    if (!d.empty() && d[0] == '/' && std::find(dirs.begin(), dirs.end(), d) == dirs.end()) dirs.push_back(d);
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return dirs;
}

std::optional<std::vector<Platform>> parse_platforms(std::string_view text, std::string* bad) {
  std::vector<Platform> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    auto item = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    auto p = Platform::parse(item);
    if (!p) {
      if (bad) *bad = std::string(item);
      return std::nullopt;
    }
    out.push_back(*p);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace dd
