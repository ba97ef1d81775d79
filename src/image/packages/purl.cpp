#include <algorithm>
#include "core/text.h"
#include <cctype>
#include <map>

#include "image/packages/package.h"

namespace dd::image::packages {
namespace {

std::string_view purl_trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

using dd::text::lower;

}  // namespace

Distro parse_os_release(std::string_view text) {
  Distro d;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = purl_trim(text.substr(start, nl - start));
    start = nl + 1;
    size_t eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string_view::npos) continue;
    std::string_view key = line.substr(0, eq);
    std::string_view val = purl_trim(line.substr(eq + 1));
    if (val.size() >= 2 && (val.front() == '"' || val.front() == '\'') && val.back() == val.front())
      val = val.substr(1, val.size() - 2);
    std::string v;
    for (size_t i = 0; i < val.size(); ++i) {
      if (val[i] == '\\' && i + 1 < val.size()) ++i;
      v += val[i];
    }
    if (key == "ID") d.id = lower(v);
    else if (key == "VERSION_ID") d.version_id = v;
    else if (key == "VERSION_CODENAME") d.version_codename = v;
    else if (key == "PRETTY_NAME") d.pretty_name = v;
  }
  return d;
}

std::string purl_encode(std::string_view s, bool keep_slash) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~' || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

void set_purl(Package& pkg, const Distro& distro) {
  std::string ns = pkg.namespace_;
  std::string name = pkg.name;
  std::map<std::string, std::string> q;
  std::string distro_q;
  if (distro.known()) distro_q = distro.id + (distro.version_id.empty() ? "" : "-" + distro.version_id);
  if (pkg.type == "deb" || pkg.type == "apk" || pkg.type == "rpm") {
    if (ns.empty()) ns = distro.known() ? distro.id : (pkg.type == "deb" ? "debian" : pkg.type == "apk" ? "alpine" : "");
    if (!pkg.arch.empty()) q["arch"] = pkg.arch;
    if (!distro_q.empty()) q["distro"] = distro_q;
    if (pkg.type == "rpm" && !pkg.epoch.empty() && pkg.epoch != "0") q["epoch"] = pkg.epoch;
    if (pkg.type == "deb" && !pkg.source.empty() && pkg.source != pkg.name) q["upstream"] = pkg.source;
  } else if (pkg.type == "pypi") {
    name = lower(name);
    std::replace(name.begin(), name.end(), '_', '-');
  } else if (pkg.type == "golang") {
    // The module path: namespace is everything before the last segment.
    size_t slash = name.rfind('/');
    if (ns.empty() && slash != std::string::npos) {
      ns = name.substr(0, slash);
      name = name.substr(slash + 1);
    }
  }
  std::string out = "pkg:" + pkg.type + "/";
  if (!ns.empty()) {
    // Each namespace segment is encoded on its own.
    std::string enc;
    size_t start = 0;
    while (start <= ns.size()) {
      size_t s = ns.find('/', start);
      if (s == std::string::npos) s = ns.size();
      if (s > start) {
        if (!enc.empty()) enc += '/';
        enc += purl_encode(std::string_view(ns).substr(start, s - start));
      }
      start = s + 1;
    }
    out += enc;
    out += '/';
  }
  out += purl_encode(name);
  if (!pkg.version.empty()) {
    out += '@';
    out += purl_encode(pkg.version);
  }
  char sep = '?';
  for (const auto& [k, v] : q) {
    out += sep;
    out += k;
    out += '=';
    out += purl_encode(v);
    sep = '&';
  }
  pkg.purl = out;
}

}  // namespace dd::image::packages
