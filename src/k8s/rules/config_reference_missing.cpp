// DD6030: valueFrom, envFrom or a volume naming a ConfigMap, Secret or key the set does not have.
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

bool namespace_has(const ManifestSet& set, std::string_view kind, const std::string& ns) {
  for (const auto& o : set.objects())
    if (o.kind == kind && o.effective_namespace() == ns) return true;
  return false;
}

class ConfigReferenceMissing : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    const std::string ns = w.object.effective_namespace();
    // Emits for a reference to kind/name (and key when not empty) at `m`.
    auto judge = [&](const Container* c, bool secret, const std::string& name, const std::string& key, Mark name_at,
                     Mark key_at, const std::string& field, const std::string& what) {
      const std::string kind = secret ? "Secret" : "ConfigMap";
      if (name.empty()) return;
      const Object* o = w.set.find(kind, w.object.namespace_, name);
      if (o) {
        if (key.empty() || o->data.count(key)) return;
        std::string keys;
        for (const auto& [k, _] : o->data) keys += (keys.empty() ? "" : ", ") + k;
        Finding f = at(w, c, key_at.known() ? key_at : name_at,
                       what + " reads key '" + key + "' of " + kind + " " + name + ", which has no such key" +
                           (keys.empty() ? "" : " (keys: " + keys + ")") +
                           (c ? ": the container never starts (CreateContainerConfigError)"
                              : ": the pod stays in ContainerCreating (FailedMount)"),
                       "key: " + key, field);
        f.severity = Severity::error;
        f.fix = "Add the key to " + kind + " " + name + ", fix the key name, or mark the reference optional: true";
        out.add(info_, std::move(f));
        return;
      }
      // The object is not in the set. Only when the set defines others of its kind in the
      // namespace is its absence telling; Secrets are often made by other tools, hence info.
      if (!namespace_has(w.set, kind, ns)) return;
      Finding f = at(w, c, name_at,
                     what + " reads " + kind + " " + name + ", which is not among the " + kind + "s of namespace " + ns +
                         " in these manifests: unless it is created elsewhere, " +
                         (c ? std::string("the container never starts (CreateContainerConfigError)")
                            : std::string("the pod stays in ContainerCreating (FailedMount)")),
                     "name: " + name, field);
      f.severity = secret ? Severity::info : Severity::warning;
      f.fix = "Add the " + kind + " " + name + " to the manifests, fix the name, or mark the reference optional: true";
      out.add(info_, std::move(f));
    };
    for (const Container* c : all_containers(w.pod)) {
      size_t i = 0;
      for (const auto& e : c->env) {
        std::string field = c->path + ".env[" + std::to_string(i++) + "].valueFrom";
        if (e.optional) continue;
        if (e.source == EnvVar::Source::config_map_key || e.source == EnvVar::Source::secret_key)
          judge(c, e.source == EnvVar::Source::secret_key, e.ref_name, e.ref_key, e.ref_at, e.ref_key_at, field,
                "Env " + e.name + " of container '" + c->name + "'");
      }
      i = 0;
      for (const auto& f : c->env_from) {
        std::string field = c->path + ".envFrom[" + std::to_string(i++) + "]";
        if (!f.optional) judge(c, f.secret, f.name, "", f.at, {}, field, "envFrom of container '" + c->name + "'");
      }
    }
    size_t i = 0;
    for (const auto& v : w.pod.volumes) {
      std::string field = w.pod.path + ".volumes[" + std::to_string(i++) + "]";
      if (v.optional || (v.type != Volume::Type::config_map && v.type != Volume::Type::secret)) continue;
      bool secret = v.type == Volume::Type::secret;
      judge(nullptr, secret, v.source, "", v.at, {}, field, "Volume '" + v.name + "'");
      for (const auto& it : v.items) judge(nullptr, secret, v.source, it.key, v.at, {}, field, "Volume '" + v.name + "'");
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6030",
      .name = "k8s-config-reference-missing",
      .category = Category::config_missing,
      .severity = Severity::warning,
      .summary = "Reference to a ConfigMap, Secret or key the manifests do not define",
      .rationale = "A typo in a configMapKeyRef or a key renamed in the ConfigMap only shows at deploy time: the pod "
                   "stays in CreateContainerConfigError (or ContainerCreating for volumes).",
      .fix = "Define the object and key, correct the reference, or mark it optional: true.",
      .tags = {"k8s", "config"},
  });
};

DD_K8S_RULE(ConfigReferenceMissing)

}  // namespace
}  // namespace dd::k8s
