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

bool finding_less(const Finding& a, const Finding& b) {
  const auto& la = a.location;
  const auto& lb = b.location;
  return std::tie(la.file, la.resource, la.container, la.image, la.line, la.column, a.rule) <
         std::tie(lb.file, lb.resource, lb.container, lb.image, lb.line, lb.column, b.rule);
}

void sort_findings(std::vector<Finding>& findings) {
  // Callers that lint files in parallel hand over findings already in order;
  // checking costs compares only, sorting costs moving every finding.
  if (std::is_sorted(findings.begin(), findings.end(), finding_less)) return;
  // Sort positions, then move each finding once: a finding is a few hundred
  // bytes of strings, and a sort of the findings themselves moves each of
  // them log(n) times.
  std::vector<size_t> order(findings.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return finding_less(findings[a], findings[b]); });
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (size_t i : order) sorted.push_back(std::move(findings[i]));
  findings = std::move(sorted);
}

bool reaches(const Summary& s, Severity threshold) {
  switch (threshold) {
    case Severity::error: return s.error > 0;
    case Severity::warning: return s.error + s.warning > 0;
    case Severity::info: return s.error + s.warning + s.info > 0;
    case Severity::none: return false;
  }
  return false;
}

bool reaches(const std::vector<Finding>& findings, Severity threshold) {
  if (threshold == Severity::none) return false;
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.severity >= threshold; });
}

}  // namespace dd
