// DD6023: capabilities added beyond the runtime's defaults.
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class AddedCapabilities : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      const auto& s = c->security_context;
      std::string list;
      bool dangerous = false;
      for (const auto& cap : s.capabilities_add) {
        std::string n = cap.rfind("CAP_", 0) == 0 ? cap.substr(4) : cap;
        if (n == "NET_BIND_SERVICE") continue;  // allowed by the restricted standard
        list += (list.empty() ? "" : ", ") + cap;
        dangerous = dangerous || n == "ALL" || n == "SYS_ADMIN" || n == "NET_ADMIN" || n == "SYS_PTRACE" ||
                    n == "SYS_MODULE" || n == "NET_RAW" || n == "DAC_READ_SEARCH" || n == "BPF";
      }
      if (list.empty()) continue;
      Finding f = at(w, c, s.capabilities_add_at,
                     "Container '" + c->name + "' adds capabilities " + list +
                         (dangerous ? ", which give root-level power over the node's kernel or network" : "") +
                         ": the restricted Pod Security Standard allows only NET_BIND_SERVICE",
                     "capabilities.add: [" + list + "]", c->path + ".securityContext.capabilities.add");
      if (dangerous) f.severity = Severity::error;
      f.fix = "securityContext:\n  capabilities:\n    drop: [\"ALL\"]\n    add: [\"NET_BIND_SERVICE\"]   # only if it binds a port below 1024";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6023",
      .name = "k8s-added-capabilities",
      .category = Category::runs_as_root,
      .severity = Severity::warning,
      .summary = "Container adds Linux capabilities",
      .rationale = "Added capabilities are refused by restricted clusters, and SYS_ADMIN or NET_ADMIN make a container "
                   "escape one bug away.",
      .fix = "Drop ALL and add back only NET_BIND_SERVICE when needed.",
      .aliases = {"dangerousCapabilities", "insecureCapabilities", "CKV_K8S_25", "CKV_K8S_39"},
      .tags = {"k8s"},
      .security = true,
  });
};

DD_K8S_RULE(AddedCapabilities)

}  // namespace
}  // namespace dd::k8s
