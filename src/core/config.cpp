#include "core/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "core/error.h"
#include "core/glob.h"
#include "core/registry.h"
#include "core/yaml.h"

namespace fs = std::filesystem;

namespace dd {

bool CoreSettings::is_ignored(const std::string& rule, const std::string& file) const {
  if (ignored.count(rule)) return true;
  if (file.empty() || path_ignores.empty()) return false;
  std::string rel = file;
  if (!root.empty()) {
    std::error_code ec;
    auto abs = fs::weakly_canonical(fs::absolute(file), ec);
    auto r = fs::weakly_canonical(fs::absolute(root), ec);
    auto relp = abs.lexically_relative(r);
    if (!relp.empty() && *relp.begin() != "..") rel = relp.generic_string();
  }
  for (const auto& pi : path_ignores) {
    if (!glob_match(pi.glob, rel)) continue;
    if (pi.rules.empty()) return true;
    for (const auto& r : pi.rules)
      if (r == rule) return true;
  }
  return false;
}

Severity CoreSettings::severity_for(const std::string& rule, Severity dflt) const {
  auto it = severity.find(rule);
  return it == severity.end() ? dflt : it->second;
}

namespace {

std::string resolve_rule(Config& c, const std::string& id) {
  std::string r = Registry::instance().resolve(id);
  if (r.empty() && is_shellcheck_code(id)) return id;
  if (r.empty()) {
    c.unknown_rules.push_back(id);
    return id;
  }
  return r;
}

std::vector<std::string> string_list(const YAML::Node& n, const std::string& key, const fs::path& file) {
  std::vector<std::string> out;
  if (!n) return out;
  if (n.IsScalar()) {
    out.push_back(n.as<std::string>());
    return out;
  }
  if (!n.IsSequence())
    throw InputError(file.string() + ": '" + key + "' must be a list of strings");
  for (const auto& e : n) {
    if (!e.IsScalar()) throw InputError(file.string() + ": '" + key + "' must be a list of strings");
    out.push_back(e.as<std::string>());
  }
  return out;
}

Severity parse_sev(const YAML::Node& n, const fs::path& file, const std::string& key) {
  if (!n.IsScalar()) throw InputError(file.string() + ": '" + key + "' must be a severity");
  auto s = parse_severity(n.as<std::string>());
  if (!s) throw InputError(file.string() + ": unknown severity '" + n.as<std::string>() + "' for " + key);
  return *s;
}

bool as_bool(const YAML::Node& n, const std::string& key, const fs::path& file) {
  if (n.IsScalar()) {
    const std::string v = n.as<std::string>();
    if (v == "true" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "no" || v == "off") return false;
  }
  throw InputError(file.string() + ": '" + key + "' must be true or false");
}

// label: type, as drydock's `label_schema:` and hadolint's `label-schema:`.
void label_schema(Config& c, const YAML::Node& n, const std::string& key, const fs::path& file) {
  if (!n) return;
  if (!n.IsMap()) throw InputError(file.string() + ": '" + key + "' must map label names to types");
  for (const auto& kv : n) {
    if (!kv.first.IsScalar() || !kv.second.IsScalar())
      throw InputError(file.string() + ": '" + key + "' must map label names to types");
    add_required_label(c, kv.first.as<std::string>() + ":" + kv.second.as<std::string>(), file.string());
  }
}

// The Dockerfile keys, at the top level (as before sections) or under
// `dockerfile:`.
void load_dockerfile_section(Config& c, const YAML::Node& y, const fs::path& file) {
  if (y["trusted_registries"])
    c.trusted_registries = string_list(y["trusted_registries"], "trusted_registries", file);
  label_schema(c, y["label_schema"], "label_schema", file);
  if (auto b = y["strict_labels"]) c.strict_labels = as_bool(b, "strict_labels", file);
  if (auto b = y["shellcheck"]) c.shellcheck = as_bool(b, "shellcheck", file);
  if (auto b = y["disable_ignore_pragma"]) c.disable_ignore_pragma = as_bool(b, "disable_ignore_pragma", file);
  if (auto b = y["local_images"]) c.local_images = as_bool(b, "local_images", file);
  if (auto p = y["platform"]) {
    if (!p.IsScalar()) throw InputError(file.string() + ": 'platform' must be a string such as linux/arm64");
    std::string bad;
    auto list = parse_platforms(p.as<std::string>(), &bad);
    if (!list) throw InputError(file.string() + ": 'platform': '" + bad + "' is not a platform such as linux/arm64");
    c.platforms = std::move(*list);
  }
}

// A domain's section: a map, or absent.
YAML::Node section(const YAML::Node& y, const char* name, const fs::path& file) {
  YAML::Node n = y[name];
  if (n && !n.IsMap() && !n.IsNull()) throw InputError(file.string() + ": '" + name + "' must be a map");
  return n;
}

void load_drydock(Config& c, const YAML::Node& y, const fs::path& file) {
  for (const auto& id : string_list(y["ignore"], "ignore", file)) c.ignored.insert(resolve_rule(c, id));
  if (auto p = y["ignore_paths"]) {
    if (!p.IsSequence()) throw InputError(file.string() + ": 'ignore_paths' must be a list");
    for (const auto& e : p) {
      PathIgnore pi;
      if (e.IsScalar()) {
        pi.glob = e.as<std::string>();
      } else if (e.IsMap() && e["path"]) {
        pi.glob = e["path"].as<std::string>();
        for (const auto& id : string_list(e["rules"], "rules", file)) pi.rules.push_back(resolve_rule(c, id));
      } else {
        throw InputError(file.string() + ": each 'ignore_paths' entry needs 'path'");
      }
      c.path_ignores.push_back(std::move(pi));
    }
  }
  if (auto s = y["severity"]) {
    if (!s.IsMap()) throw InputError(file.string() + ": 'severity' must map rule ids to severities");
    for (const auto& kv : s) {
      auto id = kv.first.as<std::string>();
      c.severity[resolve_rule(c, id)] = parse_sev(kv.second, file, id);
    }
  }
  if (auto t = y["thresholds"]) {
    if (!t.IsMap()) throw InputError(file.string() + ": 'thresholds' must be a map");
    if (t["max_image_age_days"]) c.max_image_age_days = t["max_image_age_days"].as<int>();
    if (t["max_image_size_mb"]) c.max_image_size_bytes = t["max_image_size_mb"].as<uint64_t>() * 1024 * 1024;
  }
  if (auto f = y["fail_on"]) c.fail_on = parse_sev(f, file, "fail_on");
  load_dockerfile_section(c, y, file);
  if (auto d = section(y, "dockerfile", file); d && d.IsMap()) load_dockerfile_section(c, d, file);
  if (auto i = section(y, "image", file); i && i.IsMap()) {
    if (i["max_age_days"]) c.max_image_age_days = i["max_age_days"].as<int>();
    if (i["max_size_mb"]) c.max_image_size_bytes = i["max_size_mb"].as<uint64_t>() * 1024 * 1024;
  }
  for (const char* name : {"context", "k8s", "metrics", "runtime"}) section(y, name, file);  // reserved
}

// hadolint's own file: `ignored:`, `trustedRegistries:`, `override:`,
// `label-schema:`, `strict-labels:`, `disable-ignore-pragma:`, `no-fail:`,
// `failure-threshold:`.
void load_hadolint(Config& c, const YAML::Node& y, const fs::path& file) {
  for (const auto& id : string_list(y["ignored"], "ignored", file)) c.ignored.insert(resolve_rule(c, id));
  c.trusted_registries = string_list(y["trustedRegistries"], "trustedRegistries", file);
  label_schema(c, y["label-schema"], "label-schema", file);
  if (auto b = y["strict-labels"]) c.strict_labels = as_bool(b, "strict-labels", file);
  if (auto b = y["disable-ignore-pragma"]) c.disable_ignore_pragma = as_bool(b, "disable-ignore-pragma", file);
  if (auto b = y["no-fail"]; b && as_bool(b, "no-fail", file)) c.fail_on = Severity::none;
  if (auto t = y["failure-threshold"]; t && !c.fail_on) c.fail_on = parse_sev(t, file, "failure-threshold");  // no-fail wins
  if (auto o = y["override"]) {
    for (const char* key : {"error", "warning", "info", "style"})
      for (const auto& id : string_list(o[key], key, file)) c.severity[resolve_rule(c, id)] = *parse_severity(key);
  }
}

}  // namespace

Config load_config(const fs::path& file) {
  Config c;
  c.source = file;
  c.root = file.parent_path();
  YAML::Node y = yaml::load_file(file, "config file");
  if (y.IsNull()) return c;
  if (!y.IsMap()) throw InputError(file.string() + ": config must be a YAML mapping");
  try {
    if (file.filename() == ".hadolint.yaml" || file.filename() == ".hadolint.yml")
      load_hadolint(c, y, file);
    else
      load_drydock(c, y, file);
  } catch (const YAML::Exception& e) {
    throw InputError(file.string() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return c;
}

Config discover_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  for (; !dir.empty(); dir = dir.parent_path()) {
    for (const char* name : {".drydock.yaml", ".drydock.yml", ".hadolint.yaml", ".hadolint.yml"}) {
      fs::path p = dir / name;
      if (fs::is_regular_file(p, ec)) return load_config(p);
    }
    if (dir == dir.root_path()) break;
  }
  return Config{};
}

bool is_shellcheck_code(std::string_view id) {
  return id.size() > 2 && id.substr(0, 2) == "SC" &&
         std::all_of(id.begin() + 2, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> add_ignored(Config& c, const std::vector<std::string>& ids) {
  std::vector<std::string> unknown;
  for (const auto& id : ids) {
    std::string r = Registry::instance().resolve(id);
    if (!r.empty()) c.ignored.insert(r);
    else if (is_shellcheck_code(id)) c.ignored.insert(id);  // one code of DD1140
    else unknown.push_back(id);
  }
  return unknown;
}

bool is_label_type(std::string_view type) {
  for (std::string_view t : {"text", "url", "rfc3339", "spdx", "hash", "semver", "email"})
    if (type == t) return true;
  return false;
}

void add_required_label(Config& c, const std::string& spec, const std::string& where) {
  const size_t colon = spec.rfind(':');
  std::string name = colon == std::string::npos ? spec : spec.substr(0, colon);
  std::string type = colon == std::string::npos ? "text" : spec.substr(colon + 1);
  if (name.empty()) throw InputError(where + ": a required label needs a name: '" + spec + "'");
  if (!is_label_type(type))
    throw InputError(where + ": label type '" + type + "' for " + name +
                     " is not one of text, url, rfc3339, spdx, hash, semver, email");
  c.label_schema[name] = type;
}

}  // namespace dd
