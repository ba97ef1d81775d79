// SonarQube's generic issue import format (10.3 and later: `rules` and
// `issues`), for `sonar.externalIssuesReportPaths` (hadolint -f sonarqube).
// SonarQube places an issue in a file of the project only: findings with no
// file (a container, an image) are left out.
#include <iostream>
#include <map>

#include "core/registry.h"
#include "render/render.h"

namespace dd::render {
namespace {

using ojson = nlohmann::ordered_json;

const char* impact(Severity s) {
  switch (s) {
    case Severity::error: return "HIGH";
    case Severity::warning: return "MEDIUM";
    default: return "LOW";
  }
}

const char* quality(Category c, bool security) {
  if (security) return "SECURITY";
  switch (c) {
    case Category::secret_leak:
    case Category::vulnerability:
    case Category::runs_as_root: return "SECURITY";
    case Category::best_practice:
    case Category::slow_build:
    case Category::image_bloat: return "MAINTAINABILITY";
    default: return "RELIABILITY";  // the incidents: the container fails in production
  }
}

const char* attribute(Category c) {
  switch (c) {
    case Category::secret_leak:
    case Category::vulnerability:
    case Category::runs_as_root: return "TRUSTWORTHY";
    case Category::image_bloat:
    case Category::slow_build: return "EFFICIENT";
    case Category::best_practice: return "CONVENTIONAL";
    case Category::no_healthcheck:
    case Category::config_missing: return "COMPLETE";
    default: return "LOGICAL";
  }
}

}  // namespace

void sonarqube(std::ostream& out, const std::vector<Finding>& findings, const Options& opt) {
  ojson rules = ojson::array();
  ojson issues = ojson::array();
  std::map<std::string, bool> listed;
  size_t left_out = 0;
  for (const auto& raw : findings) {
    if (raw.location.file.empty()) {
      ++left_out;
      continue;
    }
    const Finding f = scrubbed(raw, opt);
    if (!listed[f.rule]) {
      listed[f.rule] = true;
      const RuleInfo* info = Registry::instance().find(f.rule);
      ojson r;
      r["id"] = f.rule;
      r["name"] = info ? info->summary : f.title;
      r["description"] = info ? info->rationale + " Fix: " + info->fix : f.title;
      r["engineId"] = "drydock";
      r["cleanCodeAttribute"] = attribute(f.category);
      r["impacts"] = ojson::array(
          {{{"softwareQuality", quality(f.category, info && info->security)}, {"severity", impact(f.severity)}}});
      rules.push_back(std::move(r));
    }
    std::string path = f.location.file;
    while (path.rfind("./", 0) == 0) path.erase(0, 2);
    std::string msg = f.message.empty() ? f.title : f.message;
    if (!f.fix.empty()) msg += " Fix: " + f.fix;
    ojson loc;
    loc["message"] = msg;
    loc["filePath"] = path;
    const Location& l = f.location;
    if (l.line > 0) {
      // SonarQube counts columns from 0 and refuses a range past the line's
      // end; drydock's end column is one past the last character.
      ojson range;
      range["startLine"] = l.line;
      if (l.end_line >= l.line) range["endLine"] = l.end_line;
      if (l.column > 0 && l.end_column > 0 && (l.end_line > l.line || l.end_column > l.column)) {
        range["startColumn"] = l.column - 1;
        range["endColumn"] = l.end_column - 1;
      }
      loc["textRange"] = std::move(range);
    }
    ojson i;
    i["ruleId"] = f.rule;
    i["primaryLocation"] = std::move(loc);
    issues.push_back(std::move(i));
  }
  ojson doc;
  doc["rules"] = std::move(rules);
  doc["issues"] = std::move(issues);
  out << doc.dump(2, ' ', false, ojson::error_handler_t::replace) << '\n';
  // Said, not silently dropped: the import has no place for them.
  if (left_out)
    std::cerr << "drydock: sonarqube: " << left_out << " finding" << (left_out == 1 ? "" : "s")
              << " outside the project's files (an image, a container) left out; --format sarif or json has them\n";
}

}  // namespace dd::render
