#pragma once
// Runtime diagnosis: joins a container's state, its image config and its last
// logs, and explains why it failed. The knowledge lives in tables (exit codes,
// log signatures) and in one file per joined-evidence rule (rules/).
#include <string>
#include <vector>

#include "core/config.h"
#include "core/finding.h"
#include "core/registrar.h"
#include "core/rule.h"
#include "runtime/exit_codes.h"
#include "runtime/logs.h"
#include "runtime/signatures.h"
#include "runtime/state.h"

namespace dd::runtime {

// One log line that matched a signature.
struct LogMatch {
  const Signature* sig = nullptr;
  const LogEntry* line = nullptr;
  std::string subject;
  int count = 1;          // lines that matched the same row
  bool consumed = false;  // a joined rule reported it
};

// What the joined rules see and the findings they add.
class Diagnosis {
 public:
  Diagnosis(const ContainerState& state, const Logs& logs);

  const ContainerState& state;
  const Logs& logs;
  std::vector<LogMatch> matches;  // one per signature row, first occurrence
  const ExitCode* exit = nullptr;  // the row for the exit status, when exited
  bool exit_explained = false;     // a joined rule explained the exit
  bool health_explained = false;   // a joined rule explained an unhealthy status

  bool exited() const;  // stopped with an exit code (not running)
  // First unconsumed match in a category, or of a signature id.
  LogMatch* match(Category c);
  LogMatch* match_id(std::string_view sig_id);

  // A finding at a state field: location.container and location.field set.
  Finding at_field(const std::string& rule, const std::string& field) const;
  // A finding at a log line: evidence is the line.
  Finding at_line(const std::string& rule, const LogMatch& m) const;
  // Where a log line is, for messages: "stderr line 12" or "line 12 of app.log".
  std::string where(const LogEntry& l) const;

  void add(Finding f);
  std::vector<Finding> findings;

 private:
  LogEntry error_line_;  // State.Error, matched like a log line
};

// A rule that joins several pieces of evidence (state + config + logs).
class JoinedRule {
 public:
  virtual ~JoinedRule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(Diagnosis& d) const = 0;
};

using Rules = Registrar<Domain::runtime, JoinedRule>;
inline std::vector<const JoinedRule*>& joined_rules() { return Rules::rules(); }

#define DD_RUNTIME_RULE(Class) static ::dd::runtime::Rules::Enlist<Class> dd_register_##Class;

// Runs the whole knowledge base over one container. Findings carry
// location.container and the field or log line they quote; secrets in env
// values are redacted everywhere. Reads the core settings (ignores,
// severities) and its own section only.
std::vector<Finding> diagnose(const ContainerState& state, const Logs& logs, const CoreSettings* core = nullptr,
                              const RuntimeSettings& settings = {});

// Values of env vars that look secret (PASSWORD, TOKEN, KEY, ...), and
// passwords inside URLs; used to redact evidence.
std::vector<std::string> secret_values(const ContainerState& state);
// A short line-safe form of a log line or value (control bytes dropped, cut at 300).
std::string clip(std::string_view s, size_t max = 300);

}  // namespace dd::runtime
