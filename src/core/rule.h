#pragma once
#include <string>
#include <vector>

#include "core/category.h"
#include "core/severity.h"

namespace dd {

// Which input a rule judges. Used by `drydock rules` and the docs.
enum class Domain { dockerfile, context, image, runtime, k8s, compose, vuln, metrics };
std::string_view to_string(Domain d);

// Static metadata of a rule. Every rule, whatever its domain, registers one of
// these in the Registry so that renderers, `drydock rules`, SARIF and config
// work from one table.
struct RuleInfo {
  std::string id;    // DDnnnn
  std::string name;  // kebab-case slug, e.g. copy-before-install
  Domain domain = Domain::dockerfile;
  Category category = Category::best_practice;
  Severity severity = Severity::warning;  // default severity
  std::string summary;                    // one line: the title of its findings
  std::string rationale;                  // why it matters: the incident it predicts
  std::string fix;                        // generic fix
  std::vector<std::string> aliases;       // peer ids: DL3008, JSONArgsRecommended, ...
  std::vector<std::string> tags;
  bool security = false;  // drives SARIF security-severity

  std::string docs_anchor() const { return "docs/rules/" + id + ".md"; }
};

}  // namespace dd
