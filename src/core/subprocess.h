#pragma once
// Runs a program and captures what it writes on stdout.
#include <string>
#include <vector>

namespace dd {

struct ProcessResult {
  int status = -1;  // exit status; -1 when it did not exit normally
  std::string out;  // standard output (stderr is discarded)
};

// Runs argv[0] (looked up in PATH) with argv, stdin from /dev/null. Throws
// InputError naming the program when it cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv);

// True when `name` is an executable found in PATH.
bool in_path(const std::string& name);

}  // namespace dd
