#pragma once
// The one command model (knowledge/command.h) in a Dockerfile: each command
// of a RUN, CMD, ENTRYPOINT or HEALTHCHECK is a dd::kb::Command plus where its
// words sit in the file. Tokenized once per instruction and shared by every
// rule, the hadolint ports and the incident rules alike.
#include <vector>

#include "core/finding.h"
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

// False for an instruction other than ARG before the first FROM: BuildKit
// refuses the file ("no build stage in current context"), DD0001 and DD1021
// (DL3061) report it, and no other rule judges it. The command model below
// gives such an instruction no commands, so every RUN/CMD rule skips it.
bool in_build(const Instruction& ins);

// The RUN that `ins` runs: itself for a RUN, its trigger for `ONBUILD RUN`
// (which the child build runs, in every build FROM this image); null for
// anything else.
const Instruction* run_of(const Instruction& ins);
// True for the RUN of an `ONBUILD RUN` (Instruction::child of the ONBUILD).
bool is_trigger(const Dockerfile& df, const Instruction& ins);

// The commands of a shell-form RUN, or of the RUN an `ONBUILD RUN` triggers
// (every RUN rule judges a trigger as the child build runs it); empty for
// anything else (the hadolint ports judge what a RUN script runs).
const std::vector<Cmd>& commands(const LintInput& in, const Instruction& ins);

// Every command of every shell-form RUN in the file, ONBUILD RUN triggers
// included, in order.
std::vector<Cmd> run_commands(const LintInput& in);

// A finding placed inside an ONBUILD RUN trigger says so: the message notes
// that the command runs in every child build, and `related` names the
// ONBUILD line. Called by LintInput::at for every finding.
void mark_trigger(const Dockerfile& df, Finding& f);

}  // namespace dd::dockerfile
