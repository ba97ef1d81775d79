// DD6025: readOnlyRootFilesystem with no writable mount where the runtime writes.
#include "k8s/rules/writable_paths.inc.h"

namespace dd::k8s {
namespace {

class ReadOnlyRootUnwritable : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      const auto& s = c->security_context;
      if (!s.read_only_root_filesystem.value_or(false)) continue;
      bool any_writable = false;
      for (const auto& m : c->volume_mounts) any_writable = any_writable || writable_volume(w.pod, m);
      std::string mounts, volumes, paths;
      for (const auto& p : write_paths(w, *c)) {
        if (p.path.empty()) {
          if (any_writable) continue;  // HOME unknown: any writable mount may be it
        } else {
          const VolumeMount* m = mount_for(*c, p.path);
          if (m) continue;  // writable, or DD6026 says it is a ConfigMap/Secret
        }
        std::string shown = p.path.empty() ? p.unknown : p.path;
        paths += (paths.empty() ? "" : ", ") + shown + " (" + p.why + ")";
        std::string mp = p.path.empty() ? p.mount_hint : p.path;
        if (mounts.find("name: " + p.volume + "\n") == std::string::npos) {
          mounts += "  - name: " + p.volume + "\n    mountPath: " + mp + "\n";
          volumes += "  - name: " + p.volume + "\n    emptyDir: {}\n";
        }
      }
      if (paths.empty()) continue;
      Finding f = at(w, c, s.read_only_root_filesystem_at,
                     "Container '" + c->name + "' has readOnlyRootFilesystem: true but nothing writable at " + paths +
                         ": the process fails with EROFS (read-only file system) at start",
                     "readOnlyRootFilesystem: true", c->path + ".securityContext.readOnlyRootFilesystem");
      f.root_cause = "A read-only root needs an emptyDir for every path the runtime writes; it works locally where the root is writable.";
      f.fix = "# in the container:\nvolumeMounts:\n" + mounts + "# in the pod spec:\nvolumes:\n" + volumes;
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6025",
      .name = "k8s-read-only-root-unwritable-path",
      .category = Category::read_only_filesystem,
      .severity = Severity::error,
      .summary = "Read-only root filesystem without a writable mount where the runtime writes",
      .rationale = "readOnlyRootFilesystem is set for security, but nginx, npm, pip, the JVM or gunicorn write to "
                   "/var/cache, $HOME/.npm, $HOME/.cache/pip or /tmp at start: the pod crashes with EROFS in production only.",
      .fix = "Mount an emptyDir at each path the process writes.",
      .tags = {"k8s"},
  });
};

DD_K8S_RULE(ReadOnlyRootUnwritable)

}  // namespace
}  // namespace dd::k8s
