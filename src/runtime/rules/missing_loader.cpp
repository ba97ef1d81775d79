// DD5210: "exec /app: no such file or directory" for a program that runs
// through a dynamic loader: a glibc binary on a musl, busybox or scratch image.
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo = add_rule(
    "DD5210", "missing-dynamic-loader", Category::missing_dependency,
    "The binary's dynamic loader is missing (glibc binary on a musl, busybox or scratch image)",
    "A binary built against glibc needs /lib64/ld-linux-x86-64.so.2; on Alpine, busybox or scratch the kernel reports "
    "'no such file or directory' for a file that is there.",
    "CGO_ENABLED=0 go build ...   # a static binary, or: FROM gcr.io/distroless/base-debian12");

class MissingLoader : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(Diagnosis& d) const override {
    LogMatch* m = d.match_id("exec-no-such-file");
    if (!m) m = d.match_id("init-no-such-file");
    if (!m) return;
    std::string bin = m->subject.empty() ? d.state.command_line() : m->subject;
    bin = bin.substr(0, bin.find(' '));
    Finding f = d.at_line(kInfo.id, *m);
    f.message = "`" + bin + "` cannot be executed: 'no such file or directory' for a program that exists means its "
                "dynamic loader is missing from the image";
    f.root_cause = bin + " is dynamically linked against glibc, and the image has no glibc loader "
                   "(/lib64/ld-linux-x86-64.so.2), or the path itself is wrong.";
    f.fix = "# build it static:\nRUN CGO_ENABLED=0 go build -o " + bin +
            " .\n# or run it on a glibc base:\nFROM debian:bookworm-slim\n# or on Alpine: RUN apk add --no-cache gcompat";
    f.tags = {"glibc", "musl"};
    m->consumed = true;
    d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(MissingLoader)

}  // namespace
}  // namespace dd::runtime::rules
