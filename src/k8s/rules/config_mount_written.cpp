// DD6026: a ConfigMap, Secret or projected volume mounted where the process writes.
#include "k8s/rules/writable_paths.inc.h"

namespace dd::k8s {
namespace {

class ConfigMountWritten : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      for (const auto& p : write_paths(w, *c)) {
        if (p.path.empty()) continue;
        const VolumeMount* m = mount_for(*c, p.path);
        if (!m) continue;
        const Volume* v = w.pod.volume(m->name);
        if (!v || (v->type != Volume::Type::config_map && v->type != Volume::Type::secret &&
                   v->type != Volume::Type::projected))
          continue;
        const char* type = v->type == Volume::Type::config_map ? "ConfigMap" : v->type == Volume::Type::secret ? "Secret" : "projected";
        Finding f = at(w, c, m->at,
                       "Container '" + c->name + "' writes " + p.path + " (" + p.why + "), but " + m->mount_path +
                           " is the " + type + " volume '" + m->name + "', which the kubelet always mounts read-only",
                       "mountPath: " + m->mount_path, c->path + ".volumeMounts");
        f.root_cause = "ConfigMap, Secret and projected volumes are read-only whatever readOnly says; writes fail with EROFS.";
        f.fix = "Mount the file alone with subPath (mountPath: " + m->mount_path + "/FILE, subPath: FILE), and an emptyDir at " +
                p.path + ":\n- name: " + p.volume + "\n  emptyDir: {}";
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6026",
      .name = "k8s-config-volume-written",
      .category = Category::volume_permissions,
      .severity = Severity::error,
      .summary = "ConfigMap or Secret volume mounted where the process writes",
      .rationale = "A ConfigMap mounted over a whole folder the app also writes to (cache, pid, temp) turns the folder "
                   "read-only: the app fails at start or on its first write.",
      .fix = "Mount single files with subPath, and an emptyDir for the folder the app writes.",
      .tags = {"k8s", "volumes"},
  });
};

DD_K8S_RULE(ConfigMountWritten)

}  // namespace
}  // namespace dd::k8s
