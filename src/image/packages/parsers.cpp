#include "image/packages/parsers.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/text.h"

namespace dd::image::packages {
namespace {

using text::trim;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// RFC 822-style stanzas (dpkg, PKG-INFO headers, MANIFEST.MF): calls
// `field(key, value)` for each field of a stanza (continuation lines joined
// with '\n') and `end()` after each stanza. `one` stops after the first.
template <class Field, class End>
void stanzas(std::string_view text, Field field, End end, bool one = false, bool manifest_continuation = false) {
  std::string key, value;
  bool have = false, any = false;
  auto flush = [&] {
    if (have) field(key, value);
    have = false;
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    bool last = nl >= text.size();
    start = nl + 1;
    if (line.empty()) {
      flush();
      if (any) {
        end();
        any = false;
        if (one) return;
      }
      if (last) break;
      continue;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      if (have) {
        // MANIFEST.MF wraps at 72 bytes: the continuation is glued on.
        if (manifest_continuation)
          value.append(line.substr(1));
        else if (value.size() < (1u << 16))
          value.append("\n").append(trim(line));
      }
      if (last) break;
      continue;
    }
    flush();
    size_t colon = line.find(':');
    if (colon != std::string_view::npos && colon > 0) {
      key.assign(trim(line.substr(0, colon)));
      value.assign(trim(line.substr(colon + 1)));
      have = any = true;
    }
    if (last) break;
  }
  flush();
  if (any) end();
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

std::vector<Package> parse_dpkg_status(std::string_view text) {
  std::vector<Package> out;
  Package p;
  std::string status;
  bool status_seen = false;
  auto field = [&](const std::string& k, const std::string& v) {
    if (iequals(k, "Package")) p.name = first_line(v);
    else if (iequals(k, "Version")) p.version = first_line(v);
    else if (iequals(k, "Architecture")) p.arch = first_line(v);
    else if (iequals(k, "Status")) {
      status = first_line(v);
      status_seen = true;
    } else if (iequals(k, "Source")) {
      // "name" or "name (version)"
      const std::string line = first_line(v);
      std::string_view s = trim(line);
      size_t paren = s.find('(');
      if (paren != std::string_view::npos) {
        size_t close = s.find(')', paren);
        p.source_version = std::string(trim(s.substr(paren + 1, close == std::string_view::npos ? std::string_view::npos : close - paren - 1)));
        s = trim(s.substr(0, paren));
      }
      p.source = std::string(s);
    }
  };
  auto end = [&] {
    // "install ok installed", "hold ok installed"; half-installed, config-files
    // and not-installed leave no usable package.
    bool installed = !status_seen || status.ends_with(" installed");
    if (installed && !p.name.empty() && !p.version.empty()) {
      p.type = "deb";
      if (p.source.empty()) p.source = p.name;
      if (p.source_version.empty()) p.source_version = p.version;
      out.push_back(std::move(p));
    }
    p = Package{};
    status.clear();
    status_seen = false;
  };
  stanzas(text, field, end);
  return out;
}

std::vector<Package> parse_apk_installed(std::string_view text) {
  std::vector<Package> out;
  Package p;
  auto flush = [&] {
    if (!p.name.empty() && !p.version.empty()) {
      p.type = "apk";
      p.source = p.origin.empty() ? p.name : p.origin;
      out.push_back(std::move(p));
    }
    p = Package{};
  };
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = nl + 1;
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.size() < 2 || line[1] != ':') continue;
    std::string v(line.substr(2));
    switch (line[0]) {
      case 'P': p.name = v; break;
      case 'V': p.version = v; break;
      case 'A': p.arch = v; break;
      case 'L': p.license = v; break;
      case 'o': p.origin = v; break;
      default: break;
    }
  }
  flush();
  return out;
}

bool parse_python_metadata(std::string_view text, Package& out) {
  std::string name, version, license, license_expr, classifier_license;
  stanzas(
      text,
      [&](const std::string& k, const std::string& v) {
        if (iequals(k, "Name")) name = first_line(v);
        else if (iequals(k, "Version")) version = first_line(v);
        else if (iequals(k, "License-Expression")) license_expr = first_line(v);
        else if (iequals(k, "License")) license = v;
        else if (iequals(k, "Classifier") && classifier_license.empty()) {
          constexpr std::string_view kPrefix = "License :: OSI Approved :: ";
          if (v.starts_with(kPrefix)) classifier_license = v.substr(kPrefix.size());
          else if (v.starts_with("License :: ") && v.rfind("::") != std::string::npos)
            classifier_license = std::string(trim(std::string_view(v).substr(v.rfind("::") + 2)));
        }
      },
      [] {}, /*one=*/true);
  if (name.empty() || version.empty()) return false;
  out = Package{};
  out.type = "pypi";
  out.name = name;
  out.version = version;
  // License: the SPDX expression first, then a one-line License field (some
  // packages put the whole licence text there), then the classifier.
  if (!license_expr.empty()) out.license = license_expr;
  else if (!license.empty() && license.find('\n') == std::string::npos && license.size() <= 100 && !iequals(license, "UNKNOWN"))
    out.license = license;
  else out.license = classifier_license;
  return true;
}

bool is_npm_manifest_path(std::string_view path) {
  if (!path.ends_with("/package.json")) return false;
  std::string_view dir = path.substr(0, path.size() - 13);
  size_t nm = dir.rfind("node_modules/");
  if (nm == std::string_view::npos || (nm > 0 && dir[nm - 1] != '/')) return false;
  std::string_view rest = dir.substr(nm + 13);
  if (rest.empty()) return false;
  size_t slash = rest.find('/');
  if (rest[0] == '@') {
    if (slash == std::string_view::npos) return false;
    std::string_view name = rest.substr(slash + 1);
    return !name.empty() && name.find('/') == std::string_view::npos;
  }
  return slash == std::string_view::npos;
}

bool parse_npm_package_json(std::string_view text, Package& out) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  auto str = [&](const char* k) -> std::string {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::string name = str("name"), version = str("version");
  if (name.empty() || version.empty()) return false;
  out = Package{};
  out.type = "npm";
  if (name[0] == '@' && name.find('/') != std::string::npos) {
    out.namespace_ = name.substr(0, name.find('/'));
    out.name = name.substr(name.find('/') + 1);
  } else {
    out.name = name;
  }
  out.version = version;
  auto lic = j.find("license");
  if (lic != j.end()) {
    if (lic->is_string()) out.license = lic->get<std::string>();
    else if (lic->is_object() && lic->contains("type") && (*lic)["type"].is_string()) out.license = (*lic)["type"].get<std::string>();
  } else if (auto ls = j.find("licenses"); ls != j.end() && ls->is_array()) {
    std::string joined;
    for (const auto& l : *ls) {
      std::string t = l.is_string() ? l.get<std::string>() : (l.is_object() && l.contains("type") && l["type"].is_string() ? l["type"].get<std::string>() : "");
      if (t.empty()) continue;
      if (!joined.empty()) joined += " OR ";
      joined += t;
    }
    out.license = joined;
  }
  return true;
}

bool parse_jar_manifest(std::string_view text, Package& out) {
  std::string bundle_name, impl_title, impl_version, bundle_version, spec_title, spec_version, vendor, group, license, automatic;
  stanzas(
      text,
      [&](const std::string& k, const std::string& v) {
        if (iequals(k, "Bundle-SymbolicName")) bundle_name = v.substr(0, v.find(';'));
        else if (iequals(k, "Implementation-Title")) impl_title = v;
        else if (iequals(k, "Implementation-Version")) impl_version = v;
        else if (iequals(k, "Bundle-Version")) bundle_version = v;
        else if (iequals(k, "Specification-Title")) spec_title = v;
        else if (iequals(k, "Specification-Version")) spec_version = v;
        else if (iequals(k, "Implementation-Vendor-Id")) group = v;
        else if (iequals(k, "Bundle-License")) license = v;
        else if (iequals(k, "Automatic-Module-Name")) automatic = v;
      },
      [] {}, /*one=*/true, /*manifest_continuation=*/true);
  std::string name = !impl_title.empty() ? impl_title : !bundle_name.empty() ? bundle_name : spec_title;
  std::string version = !impl_version.empty() ? impl_version : !bundle_version.empty() ? bundle_version : spec_version;
  if (name.empty() || version.empty()) return false;
  out = Package{};
  out.type = "maven";
  out.name = name;
  out.version = version;
  out.namespace_ = group;
  if (license.find(',') == std::string::npos && license.find("://") == std::string::npos) out.license = license;
  return true;
}

bool parse_pom_properties(std::string_view text, Package& out) {
  std::string group, artifact, version;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim(text.substr(start, nl - start));
    start = nl + 1;
    if (line.empty() || line[0] == '#' || line[0] == '!') continue;
    size_t eq = line.find_first_of("=:");
    if (eq == std::string_view::npos) continue;
    std::string_view k = trim(line.substr(0, eq)), v = trim(line.substr(eq + 1));
    if (k == "groupId") group = v;
    else if (k == "artifactId") artifact = v;
    else if (k == "version") version = v;
  }
  if (group.empty() || artifact.empty() || version.empty()) return false;
  out = Package{};
  out.type = "maven";
  out.namespace_ = group;
  out.name = artifact;
  out.version = version;
  return true;
}

}  // namespace dd::image::packages

namespace dd::image::packages {

std::string parse_debian_copyright(std::string_view text) {
  // Only the machine-readable format says which licences apply; free-form
  // copyright files are not guessed at.
  bool machine = false, first = true;
  std::vector<std::string> names;
  bool in_files = false, header = true;
  std::string pending;  // License: of the current paragraph
  auto close = [&] {
    if (!pending.empty() && (in_files || header) && names.size() < 16 &&
        std::find(names.begin(), names.end(), pending) == names.end())
      names.push_back(pending);
    pending.clear();
    in_files = false;
  };
  stanzas(
      text,
      [&](const std::string& k, const std::string& v) {
        if (first && (iequals(k, "Format") || iequals(k, "Format-Specification"))) {
          machine = v.find("copyright-format") != std::string::npos || v.find("dep5") != std::string::npos ||
                    v.find("DEP-5") != std::string::npos;
        }
        if (!machine) return;
        if (iequals(k, "Files")) in_files = true;
        if (iequals(k, "License")) pending = std::string(trim(first_line(v)));
      },
      [&] {
        if (machine) close();
        first = false;
        header = false;
      });
  if (!machine) return "";
  std::string out;
  for (const auto& n : names) {
    bool compound = n.find(' ') != std::string::npos;
    out += (out.empty() ? "" : " AND ") + (compound && names.size() > 1 ? "(" + n + ")" : n);
  }
  return out;
}

}  // namespace dd::image::packages
