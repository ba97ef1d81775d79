#pragma once
// The exit-code table (exit_codes.cpp): what each status means inside a
// container, with the rule its finding carries.
#include <optional>
#include <span>

#include "core/category.h"
#include "core/severity.h"

namespace dd::runtime {

struct ExitCode {
  int code;
  int oom;              // 1: only with OOMKilled, 0: only without, -1: either
  const char* rule;     // DD50xx
  const char* meaning;  // "SIGKILL", "command not found"
  Category category;
  Severity severity;
  const char* title;
  const char* root_cause;
  const char* fix;
  // Generic rows (1, 2, 255, unknown) say nothing a log signature cannot say
  // better: they are dropped when another finding already explains the exit.
  bool generic;
  // Log signatures that only restate this exit (comma-separated ids): the
  // exit finding quotes their line instead of a second finding.
  const char* absorbs = "";
};

std::span<const ExitCode> exit_codes();
// The row for a status; codes without a row of their own get the signal row
// (128+n) or the generic non-zero row.
const ExitCode* lookup_exit(int code, bool oom_killed);
// "SIGKILL" for 9, empty for unknown.
const char* signal_name(int signo);

// Exit 0 after less than this is "exits immediately".
constexpr double kShortUptimeSeconds = 10.0;

}  // namespace dd::runtime
