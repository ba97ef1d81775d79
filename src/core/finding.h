#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/category.h"
#include "core/severity.h"

namespace dd {

// Where a finding was seen. Only the fields that apply are set:
//  - text inputs: file, line, column (1-based), end_line, end_column;
//  - image contents: image, layer (digest), path;
//  - runtime state: container, field;
//  - Kubernetes objects: resource ("Kind/namespace/name") and container.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;
  std::string image;
  std::string layer;
  std::string path;
  std::string container;
  std::string field;
  std::string resource;
};

// Another place that belongs to the same finding: the earlier line a
// duplicate repeats, the stage a COPY --from names, the layer that deletes a
// file. Text shows "also: file:line (message)", SARIF relatedLocations.
struct Related {
  Location location;
  std::string message;  // short: "first defined here"
};

// Well-known keys of Finding::properties. Any other key is allowed; values
// are strings (JSON and SARIF render them as given).
namespace prop {
inline constexpr const char* package = "package";
inline constexpr const char* version = "version";
inline constexpr const char* fixed_version = "fixed_version";
inline constexpr const char* advisory = "advisory";  // OSV / CVE / GHSA id
inline constexpr const char* ecosystem = "ecosystem";
inline constexpr const char* series = "series";      // a metrics series name
}  // namespace prop

struct Finding {
  std::string rule;  // drydock rule id, e.g. DD2001
  // Left at these defaults, Report::add fills both from the rule's RuleInfo.
  Category category = Category::best_practice;
  Severity severity = Severity::none;
  std::string title;
  std::string message;
  Location location;
  std::string evidence;    // exact text, field or log line; already redacted if secret
  std::string root_cause;  // one sentence
  std::string fix;         // something to paste: a Dockerfile line, a YAML block, a flag
  std::vector<std::string> tags;
  std::string docs;  // docs anchor, e.g. docs/rules/DD2001.md
  // Structured facts a consumer may filter on (see prop::). Rendered only when
  // set: JSON "properties", SARIF result.properties.
  std::map<std::string, std::string> properties;
  // Other places of the same finding. Rendered only when set: JSON "related",
  // SARIF relatedLocations, text "also: file:line".
  std::vector<Related> related;
};

struct Summary {
  int error = 0;
  int warning = 0;
  int info = 0;

  Summary& operator+=(const Summary& o) {
    error += o.error;
    warning += o.warning;
    info += o.info;
    return *this;
  }
};

Summary summarize(const std::vector<Finding>& findings);
// The order of the output: file, resource, container, image, line, column, rule.
bool finding_less(const Finding& a, const Finding& b);
// Sorts into that order, keeping the order of findings that tie.
void sort_findings(std::vector<Finding>& findings);
// True when a finding is at or above the threshold (never for Severity::none).
bool reaches(const std::vector<Finding>& findings, Severity threshold);
bool reaches(const Summary& s, Severity threshold);

}  // namespace dd
