// DD5213: the program PID 1 runs is a script that cannot start: Windows
// (CRLF) line endings, a #! interpreter missing from the image, or no #!
// line at all. Needs the start file read from the live engine.
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_start_file_broken = Rules::add(
    "DD5213", "start-script-broken", Category::crash_loop, Severity::error,
    "The start script cannot run (CRLF line endings, missing #! interpreter, or no #! line)",
    "The kernel runs a script through the program on its #! line. A carriage return at the end of that line, an "
    "interpreter the image lacks, or no #! line at all makes every start fail with 'no such file or directory' or "
    "'exec format error' for a file that is there.",
    "COPY --chmod=755 start.sh /start.sh  with #!/bin/sh as its first line and LF line endings",
    {"process"});

// The log or State.Error line saying the exec failed.
LogMatch* exec_failure(Diagnosis& d) {
  for (const char* id : {"exec-no-such-file", "init-no-such-file", "exec-format-error", "exec-format-error-generic"})
    if (LogMatch* m = d.match_id(id)) return m;
  return nullptr;
}

std::string first_line(const std::string& head) {
  std::string l = head.substr(0, head.find('\n'));
  if (!l.empty() && l.back() == '\r') l = l.substr(0, l.size() - 1) + "\\r";
  return clip(l, 120);
}

class StartFileBroken : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_start_file_broken; }
  void check(Diagnosis& d) const override {
    const auto& sf = d.state.start_file;
    if (!sf || !sf->exists || sf->elf) return;
    LogMatch* m = exec_failure(d);
    if (!m) return;
    Finding f = d.at_line(kInfo_start_file_broken.id, *m);
    f.evidence = sf->path + ":1: " + first_line(sf->head) + "  (" + d.where(*m->line) + ": " + clip(m->line->text) + ")";
    if (sf->script && sf->interpreter.find('\r') != std::string::npos) {
      std::string ip = sf->interpreter.substr(0, sf->interpreter.find('\r'));
      f.message = sf->path + " has Windows (CRLF) line endings: the kernel looks for the interpreter '" + ip +
                  "\\r', which does not exist";
      f.root_cause = "The script was saved or checked out with CRLF line endings, so its #! line names '" + ip +
                     "\\r'. The file is there; its interpreter is not.";
      f.fix = "convert it to LF (`*.sh text eol=lf` in .gitattributes), or in the Dockerfile:\nRUN sed -i 's/\\r$//' " +
              sf->path;
    } else if (sf->script && sf->interpreter_exists == false) {
      f.category = Category::missing_dependency;
      f.message = sf->path + " needs " + sf->interpreter + ", which is not in the image";
      f.root_cause = "The #! line of " + sf->path + " names " + sf->interpreter +
                     "; the kernel cannot find it, and reports the script itself as missing.";
      f.fix = sf->interpreter.find("bash") != std::string::npos
                  ? "#!/bin/sh as the first line of " + sf->path + ", or RUN apk add --no-cache bash"
                  : "install " + sf->interpreter + " in the image, or change the #! line of " + sf->path;
    } else if (!sf->script) {
      f.message = sf->path + " has no #! line, so the kernel cannot execute it";
      f.root_cause = "An exec-form command asks the kernel to run the file itself; a text file without an "
                     "interpreter line is not a program (exec format error), whatever the CPU architecture.";
      f.fix = "make #!/bin/sh the first line of " + sf->path + ", or run it as [\"sh\", \"" + sf->path + "\"]";
    } else {
      return;
    }
    m->consumed = true;
    d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(StartFileBroken)

}  // namespace
}  // namespace dd::runtime::rules
