#include "core/finding.h"

#include <algorithm>
#include <tuple>

namespace dd {

Summary summarize(const std::vector<Finding>& findings) {
  Summary s;
  for (const auto& f : findings) {
    switch (f.severity) {
      case Severity::error: ++s.error; break;
      case Severity::warning: ++s.warning; break;
      case Severity::info: ++s.info; break;
      case Severity::none: break;
    }
  }
  return s;
}

void sort_findings(std::vector<Finding>& findings) {
  auto less = [](const Finding& a, const Finding& b) {
    const auto& la = a.location;
    const auto& lb = b.location;
    return std::tie(la.file, la.resource, la.container, la.image, la.line, la.column, a.rule) <
           std::tie(lb.file, lb.resource, lb.container, lb.image, lb.line, lb.column, b.rule);
  };
  // Callers that lint files in parallel hand over findings already in order;
  // checking costs compares only, sorting costs moving every finding.
  if (std::is_sorted(findings.begin(), findings.end(), less)) return;
  std::stable_sort(findings.begin(), findings.end(), less);
}

bool reaches(const std::vector<Finding>& findings, Severity threshold) {
  if (threshold == Severity::none) return false;
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.severity >= threshold; });
}

}  // namespace dd
