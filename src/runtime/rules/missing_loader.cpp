// DD5210: "exec /app: no such file or directory" for a program that runs
// through a dynamic loader: a glibc binary on a musl, busybox or scratch image.
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_missing_loader = Rules::add(
    "DD5210", "missing-dynamic-loader", Category::missing_dependency, Severity::error,
    "The binary's dynamic loader is missing (glibc binary on a musl, busybox or scratch image)",
    "A binary built against glibc needs /lib64/ld-linux-x86-64.so.2; on Alpine, busybox or scratch the kernel reports "
    "'no such file or directory' for a file that is there.",
    "CGO_ENABLED=0 go build ...   # a static binary, or: FROM gcr.io/distroless/base-debian12");

class MissingLoader : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_missing_loader; }
  void check(Diagnosis& d) const override {
    // A script's missing interpreter or CRLF line is DD5213's; an ELF whose
    // loader is present is not this.
    const auto& sf = d.state.start_file;
    if (sf && sf->exists && (!sf->elf || sf->interpreter_exists == true)) return;
    LogMatch* m = d.match_id("exec-no-such-file");
    if (!m) m = d.match_id("init-no-such-file");
    if (!m) return;
    std::string bin = m->subject.empty() ? d.state.command_line() : m->subject;
    bin = bin.substr(0, bin.find(' '));
    Finding f = d.at_line(kInfo_missing_loader.id, *m);
    f.message = "`" + bin + "` cannot be executed: 'no such file or directory' for a program that exists means its "
                "dynamic loader is missing from the image";
    f.root_cause = bin + " is dynamically linked against glibc, and the image has no glibc loader "
                   "(/lib64/ld-linux-x86-64.so.2), or the path itself is wrong.";
    f.fix = "# build it static:\nRUN CGO_ENABLED=0 go build -o " + bin +
            " .\n# or run it on a glibc base:\nFROM debian:bookworm-slim\n# or on Alpine: RUN apk add --no-cache gcompat";
    if (sf && sf->elf && !sf->interpreter.empty()) {
      // Read from the image: name the loader the binary asks for.
      f.message = "`" + bin + "` cannot be executed: its dynamic loader " + sf->interpreter + " is not in the image";
      f.evidence = sf->path + ": ELF program interpreter " + sf->interpreter + " (missing)  (" + d.where(*m->line) +
                   ": " + clip(m->line->text) + ")";
      bool glibc = sf->interpreter.find("ld-linux") != std::string::npos;
      f.root_cause = bin + " is dynamically linked against " + std::string(glibc ? "glibc" : "musl") +
                     " and the image has no " + sf->interpreter + ".";
      if (!glibc)
        f.fix = "# a musl binary: run it on alpine, or build it static\nFROM alpine:3.20";
    }
    f.tags = {"glibc", "musl"};
    m->consumed = true;
    d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(MissingLoader)

}  // namespace
}  // namespace dd::runtime::rules
