// DD6021: a privileged container.
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class Privileged : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      const auto& s = c->security_context;
      if (!s.privileged.value_or(false)) continue;
      Finding f = at(w, c, s.privileged_at,
                     "Container '" + c->name + "' is privileged: it has every capability and the node's devices, and "
                     "is refused by the baseline and restricted Pod Security Standards",
                     "privileged: true", c->path + ".securityContext.privileged");
      f.fix = "securityContext:\n  privileged: false\n  capabilities:\n    add: [\"NET_BIND_SERVICE\"]   # only what it needs";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6021",
      .name = "k8s-privileged-container",
      .category = Category::runs_as_root,
      .severity = Severity::error,
      .summary = "Privileged container",
      .rationale = "A privileged container is root on the node; admission rejects it on most production clusters.",
      .fix = "Drop privileged and add only the capabilities the process needs.",
      .aliases = {"privileged-container", "runAsPrivileged", "container-security-context-privileged", "CKV_K8S_16"},
      .tags = {"k8s"},
      .security = true,
  });
};

DD_K8S_RULE(Privileged)

}  // namespace
}  // namespace dd::k8s
