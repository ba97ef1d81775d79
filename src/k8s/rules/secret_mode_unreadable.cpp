// DD6027: ConfigMap/Secret files whose mode a non-root user cannot read.
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

std::string octal(int m) {
  char b[8];
  std::snprintf(b, sizeof b, "0%o", m);
  return b;
}

class SecretModeUnreadable : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    if (w.pod.security_context.fs_group) return;  // group ownership goes to fsGroup
    for (const Container* c : all_containers(w.pod)) {
      auto e = effective_security(w.pod, *c);
      if (!e.run_as_user || *e.run_as_user == 0) continue;
      for (const auto& m : c->volume_mounts) {
        const Volume* v = w.pod.volume(m.name);
        if (!v || (v->type != Volume::Type::config_map && v->type != Volume::Type::secret)) continue;
        int mode = v->default_mode.value_or(0644);
        bool item_mode = false;
        for (const auto& i : v->items)
          if (i.mode) {
            mode = *i.mode;
            item_mode = true;
          }
        if (mode & 04) continue;
        Finding f = at(w, c, m.at,
                       "Container '" + c->name + "' runs as user " + std::to_string(*e.run_as_user) + " but the files of " +
                           (v->type == Volume::Type::secret ? "Secret" : "ConfigMap") + " volume '" + v->name + "' at " +
                           m.mount_path + " are root-owned with mode " + octal(mode) +
                           " and no fsGroup: the process gets 'permission denied' reading them",
                       std::string(item_mode ? "items[].mode: " : "defaultMode: ") + octal(mode), c->path + ".volumeMounts");
        f.fix = "securityContext:   # pod level\n  fsGroup: " + std::to_string(e.run_as_group.value_or(*e.run_as_user)) +
                "\n# or defaultMode: 0440 with that fsGroup (0444 without one)";
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6027",
      .name = "k8s-config-volume-unreadable",
      .category = Category::volume_permissions,
      .severity = Severity::error,
      .summary = "ConfigMap/Secret files are unreadable by the container's user",
      .rationale = "defaultMode 0400 looks safe, but the kubelet writes the files as root: a non-root process without "
                   "fsGroup cannot read its own key or config.",
      .fix = "Set the pod's fsGroup (the files then belong to that group) and a mode with group read.",
      .tags = {"k8s", "volumes"},
  });
};

DD_K8S_RULE(SecretModeUnreadable)

}  // namespace
}  // namespace dd::k8s
