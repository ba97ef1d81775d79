#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/finding.h"
#include "core/rule.h"

namespace dd {

// Collects findings. Fills what a rule left empty from its RuleInfo (category,
// severity, title, fix, docs) and applies the configuration: ignored rules,
// path ignores, severity overrides, and any extra suppression filter (inline
// pragmas). It is also the one place findings are redacted: title, message,
// evidence, root cause, fix, related messages and properties pass through the
// secret masker (core/redact.h, installed by src/secrets), so rules never call
// a redactor for what the shared secret rule set recognises. It reads only the
// core settings of a Config (ignores, path ignores, severities).
class Report {
 public:
  explicit Report(const CoreSettings* config = nullptr) : config_(config) {}

  void add(const RuleInfo& rule, Finding f);
  // Looks the rule up in the Registry by f.rule.
  void add(Finding f);
  // Findings for which `suppress` returns true are dropped.
  void set_suppress(std::function<bool(const Finding&)> suppress) { suppress_ = std::move(suppress); }

  const std::vector<Finding>& findings() const { return findings_; }
  std::vector<Finding>& findings() { return findings_; }
  void append(const Report& other);
  const CoreSettings* config() const { return config_; }

 private:
  const CoreSettings* config_;
  std::function<bool(const Finding&)> suppress_;
  std::vector<Finding> findings_;
};

}  // namespace dd
