// DD2052: the shipped image EXPOSEs port 22 (trivy DS004): an SSH daemon in
// the container.
#include "dockerfile/rule.h"
#include "dockerfile/rules/start_command.h"

namespace dd::dockerfile {
namespace {

// "22", "22/tcp", "20-25/tcp", "127.0.0.1:22" (expanded): does it cover 22?
bool covers_ssh(std::string_view spec) {
  spec = spec.substr(0, spec.find('/'));
  if (auto colon = spec.rfind(':'); colon != std::string_view::npos) spec.remove_prefix(colon + 1);
  auto number = [](std::string_view s, long& out) {
    if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string_view::npos) return false;
    out = std::stol(std::string(s));
    return true;
  };
  long lo = 0, hi = 0;
  auto dash = spec.find('-');
  if (dash == std::string_view::npos) return number(spec, lo) && lo == 22;
  return number(spec.substr(0, dash), lo) && number(spec.substr(dash + 1), hi) && lo <= 22 && 22 <= hi;
}

class SshPortExposed : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const Instruction* ins : inc::final_instructions(in)) {
      if (ins->kind != Kw::EXPOSE) continue;
      for (const auto& a : ins->args) {
        const std::string spec = expand(a.text, in.scope(*ins), in.df.escape).value;
        if (!covers_ssh(spec)) continue;
        Finding f = in.at(a.range, "EXPOSE " + a.text + " on line " + std::to_string(a.range.begin.line) +
                                       " publishes port 22 (SSH) in the shipped image");
        f.root_cause = "An SSH daemon is a second long-lived process with its own keys and users: it has to be "
                       "supervised, patched and kept secret, and every container of the image accepts logins.";
        f.fix = "Remove EXPOSE 22 and the SSH server; reach the container with docker exec or kubectl exec";
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2052",
      .name = "ssh-port-exposed",
      .category = Category::multiple_processes,
      .severity = Severity::warning,
      .summary = "SSH port 22 exposed",
      .rationale = "sshd in a container runs beside the app, needs host keys that end up in the image (the same keys in "
                   "every container), and opens a login path that bypasses the orchestrator's access control.",
      .fix = "Remove EXPOSE 22 and the SSH server; use docker exec / kubectl exec for access",
      .aliases = {"DS004", "AVD-DS-0004"},
      .security = true,
  });
};

DD_DOCKERFILE_RULE(SshPortExposed)

}  // namespace
}  // namespace dd::dockerfile
