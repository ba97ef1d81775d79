#pragma once
// The one command model (knowledge/command.h) in a Dockerfile: each command
// of a RUN, CMD, ENTRYPOINT or HEALTHCHECK is a dd::kb::Command plus where its
// words sit in the file. Tokenized once per instruction and shared by every
// rule, the hadolint ports and the incident rules alike.
#include <vector>

#include "dockerfile/ast.h"
#include "knowledge/command.h"

namespace dd::dockerfile {

class LintInput;

struct Cmd : dd::kb::Command {
  const Instruction* ins = nullptr;
  // Exec form: the file range of each word (for `sh -c SCRIPT`, every word
  // gets the range of SCRIPT). Empty for shell form, where ranges come from
  // the word offsets through the instruction's script positions.
  std::vector<Range> fixed;

  // The file range of word i.
  Range range(size_t i) const;
  // The file range of the whole command.
  Range whole() const;
  // Appends a word that sits at `r` (a CMD word after an exec ENTRYPOINT).
  void append(std::string word, const Range& r);
};

// File range of offsets [b, e) of the script of `ins`, heredoc bodies included.
Range script_range(const Instruction& ins, size_t b, size_t e);

// The commands of a RUN, CMD, ENTRYPOINT or HEALTHCHECK (shell or exec form;
// `HEALTHCHECK CMD` loses its CMD word); empty for other instructions.
const std::vector<Cmd>& instruction_commands(const LintInput& in, const Instruction& ins);

// The commands of a shell-form RUN; empty for anything else (the hadolint
// ports judge what a RUN script runs).
const std::vector<Cmd>& commands(const LintInput& in, const Instruction& ins);

// Every command of every shell-form RUN in the file, in order.
std::vector<Cmd> run_commands(const LintInput& in);

}  // namespace dd::dockerfile
