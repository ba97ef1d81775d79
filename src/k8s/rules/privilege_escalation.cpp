// DD6022: allowPrivilegeEscalation: true.
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class PrivilegeEscalation : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      const auto& s = c->security_context;
      if (!s.allow_privilege_escalation.value_or(false)) continue;
      Finding f = at(w, c, s.allow_privilege_escalation_at,
                     "Container '" + c->name + "' sets allowPrivilegeEscalation: true: setuid binaries can make its "
                     "process root, and the restricted Pod Security Standard refuses the pod",
                     "allowPrivilegeEscalation: true", c->path + ".securityContext.allowPrivilegeEscalation");
      f.fix = "securityContext:\n  allowPrivilegeEscalation: false";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6022",
      .name = "k8s-privilege-escalation",
      .category = Category::runs_as_root,
      .severity = Severity::warning,
      .summary = "Container allows privilege escalation",
      .rationale = "no_new_privs is off: a setuid binary or file capability turns the non-root user into root.",
      .fix = "Set allowPrivilegeEscalation: false.",
      .aliases = {"privilege-escalation-container", "privilegeEscalationAllowed", "CKV_K8S_20"},
      .tags = {"k8s"},
      .security = true,
  });
};

DD_K8S_RULE(PrivilegeEscalation)

}  // namespace
}  // namespace dd::k8s
