// DD5208: exit 127 with a "not found" line: names the missing command.
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_missing_command = Rules::add(
    "DD5208", "missing-command", Category::missing_dependency, Severity::error, "A command the container runs is not in the image",
    "A command missing from the image fails every start with exit 127.",
    "RUN apt-get update && apt-get install -y --no-install-recommends PACKAGE");

class MissingCommand : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_missing_command; }
  void check(Diagnosis& d) const override {
    const ContainerState& s = d.state;
    if (!d.exited() || *s.exit_code != 127) return;
    LogMatch* m = d.match_id("exec-not-in-path");
    if (!m) m = d.match_id("sh-not-found");
    if (!m || m->subject.empty()) return;
    const std::string& cmd = m->subject;
    const auto& fn = s.fields;
    Finding f = d.at_line(kInfo_missing_command.id, *m);
    f.evidence = fn.exit_code + "=127, " + d.where(*m->line) + ": " + clip(m->line->text);
    bool absolute = cmd[0] == '/';
    f.message = "container " + s.label() + " exited 127: command `" + cmd + "` was not found";
    if (absolute) {
      f.message += " (if " + cmd + " exists in the image, its dynamic loader is missing: a glibc binary on a musl or busybox image)";
      f.root_cause = cmd + " is missing, or it is a dynamically linked binary whose ELF interpreter is not in the image.";
      f.fix = "COPY " + cmd + " into the image at that path, or build it statically (CGO_ENABLED=0), or use a glibc base: FROM debian:bookworm-slim";
    } else {
      f.root_cause = "`" + cmd + "` is not installed in the image or not on its PATH.";
      f.fix = "RUN apt-get update && apt-get install -y --no-install-recommends " + cmd +
              "   # or the package that provides it; Alpine: RUN apk add --no-cache " + cmd;
    }
    m->consumed = true;
    d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(MissingCommand)

}  // namespace
}  // namespace dd::runtime::rules
