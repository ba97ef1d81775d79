#include <map>

#include "core/registry.h"
#include "render/render.h"

namespace dd::render {
namespace {

using ojson = nlohmann::ordered_json;

const char* level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    default: return "note";
  }
}

bool is_security(Category c) {
  return c == Category::secret_leak || c == Category::vulnerability || c == Category::runs_as_root;
}

// GitHub maps security-severity to critical (>=9), high (>=7), medium (>=4), low.
const char* security_severity(Severity s) {
  switch (s) {
    case Severity::error: return "8.0";
    case Severity::warning: return "5.5";
    default: return "2.0";
  }
}

std::string uri_of(const std::string& file) {
  std::string u = file;
  while (u.rfind("./", 0) == 0) u.erase(0, 2);
  std::string out;
  for (char c : u) {
    if (c == ' ') out += "%20";
    else if (c == '%') out += "%25";
    else out += c;
  }
  return out;
}

ojson rule_descriptor(const std::string& id, const RuleInfo* r, const Finding& sample) {
  ojson d;
  d["id"] = id;
  const std::string summary = r ? r->summary : sample.title;
  if (r && !r->name.empty()) d["name"] = r->name;
  d["shortDescription"] = {{"text", summary}};
  std::string full = r && !r->rationale.empty() ? r->rationale : summary;
  d["fullDescription"] = {{"text", full}};
  std::string fix = r ? r->fix : sample.fix;
  std::string help = full + (fix.empty() ? "" : "\nFix: " + fix);
  std::string md = "**" + summary + "**\n\n" + full + (fix.empty() ? "" : "\n\n**Fix:** " + fix);
  d["help"] = {{"text", help}, {"markdown", md}};
  d["helpUri"] = "https://github.com/drydock/drydock/blob/main/" + (r ? r->docs_anchor() : sample.docs);
  Severity sev = r ? r->severity : sample.severity;
  Category cat = r ? r->category : sample.category;
  d["defaultConfiguration"] = {{"level", level(sev)}};
  ojson props;
  auto tags = ojson::array({std::string(to_string(cat))});
  if (r)
    for (const auto& t : r->tags) tags.push_back(t);
  if (is_security(cat) || (r && r->security)) {
    tags.push_back("security");
    props["security-severity"] = security_severity(sev);
  }
  props["tags"] = tags;
  props["category"] = std::string(to_string(cat));
  if (r && !r->aliases.empty()) props["aliases"] = r->aliases;
  d["properties"] = props;
  return d;
}

// A file location as SARIF's physicalLocation; null when it has no file.
ojson physical(const Location& l) {
  if (l.file.empty()) return nullptr;
  ojson phys;
  phys["artifactLocation"] = {{"uri", uri_of(l.file)}};
  if (l.line > 0) {
    ojson region;
    region["startLine"] = l.line;
    if (l.column > 0) region["startColumn"] = l.column;
    if (l.end_line >= l.line) region["endLine"] = l.end_line;
    if (l.end_column > 0 && (l.end_line > l.line || l.end_column > l.column)) region["endColumn"] = l.end_column;
    phys["region"] = region;
  }
  return phys;
}

}  // namespace

void sarif(std::ostream& out, const std::vector<Finding>& findings, const Options& opt) {
  std::map<std::string, size_t> index;
  ojson rules = ojson::array();
  ojson results = ojson::array();
  for (const auto& raw : findings) {
    const Finding f = scrubbed(raw, opt);
    auto it = index.find(f.rule);
    if (it == index.end()) {
      it = index.emplace(f.rule, rules.size()).first;
      rules.push_back(rule_descriptor(f.rule, Registry::instance().find(f.rule), f));
    }
    ojson r;
    r["ruleId"] = f.rule;
    r["ruleIndex"] = it->second;
    r["level"] = level(f.severity);
    std::string msg = f.message.empty() ? f.title : f.message;
    if (!f.fix.empty()) msg += "\nFix: " + f.fix;
    r["message"] = {{"text", msg}};
    ojson loc;
    if (auto phys = physical(f.location); !phys.is_null()) loc["physicalLocation"] = std::move(phys);
    ojson logical = ojson::array();
    auto add_logical = [&](const std::string& name, const char* kind) {
      if (!name.empty()) logical.push_back({{"name", name}, {"kind", kind}});
    };
    add_logical(f.location.resource, "resource");
    add_logical(f.location.container, "container");
    add_logical(f.location.image, "image");
    add_logical(f.location.path, "path");
    add_logical(f.location.field, "field");
    if (!logical.empty()) loc["logicalLocations"] = logical;
    if (!loc.empty()) r["locations"] = ojson::array({loc});
    if (!f.related.empty()) {
      ojson rel = ojson::array();
      for (const auto& x : f.related) {
        ojson e;
        e["id"] = rel.size();
        if (auto phys = physical(x.location); !phys.is_null()) e["physicalLocation"] = std::move(phys);
        if (!x.message.empty()) e["message"] = {{"text", x.message}};
        rel.push_back(std::move(e));
      }
      r["relatedLocations"] = std::move(rel);
    }
    ojson props;
    props["category"] = std::string(to_string(f.category));
    if (!f.evidence.empty()) props["evidence"] = f.evidence;
    if (!f.root_cause.empty()) props["rootCause"] = f.root_cause;
    if (!f.tags.empty()) props["tags"] = f.tags;
    for (const auto& [k, v] : f.properties)
      if (!props.contains(k)) props[k] = v;
    r["properties"] = props;
    results.push_back(std::move(r));
  }
  ojson driver;
  driver["name"] = "drydock";
  driver["version"] = DRYDOCK_VERSION;
  driver["semanticVersion"] = DRYDOCK_VERSION;
  driver["informationUri"] = "https://github.com/drydock/drydock";
  driver["rules"] = rules;
  ojson run;
  run["tool"] = {{"driver", driver}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = results;
  ojson doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = ojson::array({run});
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace dd::render
