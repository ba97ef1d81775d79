// DD6020: a container that may run as root (runAsNonRoot/runAsUser, pod and container merged).
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class RunsAsRoot : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      auto e = effective_security(w.pod, *c);
      bool non_root = e.run_as_non_root.value_or(false);
      if (e.run_as_user && *e.run_as_user != 0) continue;
      Finding f;
      if (e.run_as_user && *e.run_as_user == 0) {
        if (non_root) {
          f = at(w, c, e.run_as_user_at,
                 "Container '" + c->name + "' sets runAsUser: 0 together with runAsNonRoot: true: the kubelet refuses to "
                 "start it (CreateContainerConfigError)",
                 "runAsUser: 0", c->path + ".securityContext.runAsUser");
          f.severity = Severity::error;
        } else {
          f = at(w, c, e.run_as_user_at, "Container '" + c->name + "' runs as root (runAsUser: 0)", "runAsUser: 0",
                 c->path + ".securityContext.runAsUser");
        }
      } else if (non_root) {
        continue;  // the kubelet checks the image's user at start
      } else {
        Mark m = e.run_as_non_root_at.known() ? e.run_as_non_root_at : c->at;
        f = at(w, c, m,
               "Container '" + c->name + "' sets neither runAsNonRoot: true nor a non-zero runAsUser (pod or container "
               "level): it runs as whatever user the image says, root for most images, and is refused where the "
               "restricted Pod Security Standard is enforced",
               e.run_as_non_root ? "runAsNonRoot: false" : "securityContext: (no runAsNonRoot/runAsUser)",
               c->path + ".securityContext.runAsNonRoot");
      }
      f.root_cause = "Root in the container is root on the node's files it can reach; clusters with restricted policies reject it.";
      f.fix = "securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\n  runAsGroup: 10001";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6020",
      .name = "k8s-runs-as-root",
      .category = Category::runs_as_root,
      .severity = Severity::warning,
      .summary = "Container may run as root",
      .rationale = "Works on a permissive cluster, then is rejected by the restricted Pod Security Standard (or an "
                   "OpenShift SCC) in production; and a root process widens every container escape.",
      .fix = "Set runAsNonRoot: true and a non-zero runAsUser, and make the image work as that user.",
      // Not CKV_K8S_40 (a UID above 10000): skipping that check says nothing about root.
      .aliases = {"run-as-non-root", "runAsRootAllowed", "container-security-context-user-group-id", "CKV_K8S_23"},
      .tags = {"k8s"},
      .security = true,
  });
};

DD_K8S_RULE(RunsAsRoot)

}  // namespace
}  // namespace dd::k8s
