#include <unistd.h>

#include <cstdlib>

#include "render/render.h"

namespace dd::render {

std::optional<Format> parse_format(std::string_view s) {
  if (s == "text") return Format::text;
  if (s == "json") return Format::json;
  if (s == "sarif") return Format::sarif;
  return std::nullopt;
}

bool want_color() {
  const char* nc = std::getenv("NO_COLOR");
  if (nc && *nc) return false;
  return isatty(STDOUT_FILENO) == 1;
}

nlohmann::json location_json(const Location& l) {
  nlohmann::json j = nlohmann::json::object();
  if (!l.file.empty()) j["file"] = l.file;
  if (l.line > 0) j["line"] = l.line;
  if (l.column > 0) j["column"] = l.column;
  if (l.end_line > 0) j["end_line"] = l.end_line;
  if (l.end_column > 0) j["end_column"] = l.end_column;
  if (!l.image.empty()) j["image"] = l.image;
  if (!l.layer.empty()) j["layer"] = l.layer;
  if (!l.path.empty()) j["path"] = l.path;
  if (!l.container.empty()) j["container"] = l.container;
  if (!l.field.empty()) j["field"] = l.field;
  if (!l.resource.empty()) j["resource"] = l.resource;
  return j;
}

Finding scrubbed(const Finding& f, const Options& opt) {
  if (!opt.scrub) return f;
  Finding c = f;
  for (std::string* s : {&c.title, &c.message, &c.evidence, &c.root_cause, &c.fix}) *s = opt.scrub(*s);
  return c;
}

nlohmann::json to_json(const Finding& f) {
  nlohmann::json j;
  j["rule"] = f.rule;
  j["category"] = std::string(to_string(f.category));
  j["severity"] = std::string(to_string(f.severity));
  j["title"] = f.title;
  j["message"] = f.message;
  j["location"] = location_json(f.location);
  j["evidence"] = f.evidence;
  if (!f.root_cause.empty()) j["root_cause"] = f.root_cause;
  j["fix"] = f.fix;
  j["tags"] = f.tags;
  if (!f.docs.empty()) j["docs"] = f.docs;
  return j;
}

void json(std::ostream& out, const std::vector<Finding>& findings, const Options& opt) {
  nlohmann::ordered_json j;
  j["tool"] = "drydock";
  j["version"] = DRYDOCK_VERSION;
  auto arr = nlohmann::ordered_json::array();
  for (const auto& raw : findings) {
    const Finding f = scrubbed(raw, opt);
    // Keep the key order of the spec for readability.
    nlohmann::ordered_json o;
    auto u = to_json(f);
    for (const char* k : {"rule", "category", "severity", "title", "message", "location", "evidence",
                          "root_cause", "fix", "tags", "docs"})
      if (u.contains(k)) o[k] = u[k];
    nlohmann::ordered_json loc;
    for (const char* k : {"file", "line", "column", "end_line", "end_column", "image", "layer", "path", "container",
                          "field", "resource"})
      if (u["location"].contains(k)) loc[k] = u["location"][k];
    o["location"] = loc.is_null() ? nlohmann::ordered_json::object() : loc;
    arr.push_back(std::move(o));
  }
  j["findings"] = std::move(arr);
  if (opt.extra.is_object())
    for (auto it = opt.extra.begin(); it != opt.extra.end(); ++it)
      if (it.key() != "findings" && it.key() != "summary") j[it.key()] = it.value();
  auto s = summarize(findings);
  j["summary"] = {{"error", s.error}, {"warning", s.warning}, {"info", s.info}};
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void write(Format f, std::ostream& out, const std::vector<Finding>& findings, const Options& opt) {
  switch (f) {
    case Format::text: text(out, findings, opt); break;
    case Format::json: json(out, findings, opt); break;
    case Format::sarif: sarif(out, findings, opt); break;
  }
}

}  // namespace dd::render
