// k8s preflight. See preflight.h.
#include "k8s/preflight/preflight.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <thread>

#include "core/error.h"
#include "core/redact.h"
#include "core/registry.h"
#include "core/report.h"
#include "knowledge/quantity.h"
#include "runtime/diagnose.h"
#include "runtime/live.h"

namespace dd::k8s::preflight {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

std::string oct(int mode) {
  char b[16];
  std::snprintf(b, sizeof b, "0%o", mode);
  return b;
}

bool stop_requested(const Options& o) { return o.interrupted && o.interrupted->load() != 0; }

void say(const Options& o, const std::string& line) {
  if (o.progress) o.progress(line);
}

// ---------------------------------------------------------------------------
// Choosing what to run.

const Object* pick_workload(const ManifestSet& set, const std::string& want) {
  std::vector<const Object*> all;
  for (const auto& o : set.objects())
    if (o.pod) all.push_back(&o);
  if (all.empty()) throw InputError("k8s preflight: no workload (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet) in the input");
  if (want.empty()) {
    if (all.size() == 1) return all[0];
    std::string names;
    for (auto* o : all) names += (names.empty() ? "" : ", ") + o->kind + "/" + o->name;
    throw InputError("k8s preflight: " + std::to_string(all.size()) + " workloads in the input (" + names +
                     "); choose one with --workload");
  }
  std::string kind, name = want;
  if (auto slash = want.find('/'); slash != std::string::npos) {
    kind = want.substr(0, slash);
    name = want.substr(slash + 1);
  }
  const Object* hit = nullptr;
  for (auto* o : all) {
    if (o->name != name) continue;
    if (!kind.empty() && o->kind != kind) {
      std::string a = o->kind, b = kind;
      std::transform(a.begin(), a.end(), a.begin(), ::tolower);
      std::transform(b.begin(), b.end(), b.begin(), ::tolower);
      if (a != b) continue;
    }
    if (hit) throw InputError("k8s preflight: --workload " + want + " matches several objects; write it as Kind/name");
    hit = o;
  }
  if (!hit) throw InputError("k8s preflight: no workload named " + want + " in the input");
  return hit;
}

const Container* pick_container(const PodSpec& pod, const std::string& want, const Object& w) {
  if (want.empty()) {
    if (pod.containers.empty()) throw InputError("k8s preflight: " + w.resource() + " has no containers");
    return &pod.containers[0];
  }
  for (const auto& c : pod.containers)
    if (c.name == want) return &c;
  for (const auto& c : pod.init_containers)
    if (c.name == want) return &c;
  throw InputError("k8s preflight: " + w.resource() + " has no container named " + want);
}

std::string image_for(const Container& c, const std::vector<std::string>& overrides) {
  std::string plain;
  for (const auto& o : overrides) {
    auto eq = o.find('=');
    if (eq != std::string::npos && o.substr(0, eq) == c.name) return o.substr(eq + 1);
    if (eq == std::string::npos) plain = o;
  }
  return plain.empty() ? c.image : plain;
}

// ---------------------------------------------------------------------------
// The plan: what the kubelet would give the container, as engine settings.

struct VolumeFiles {
  std::string volume;  // the pod volume's name
  std::vector<engine::TarEntry> entries;  // relative to the volume's root
  uint32_t root_mode = 0777;
  int64_t root_gid = 0;
};

struct Plan {
  std::string image;
  std::vector<std::string> entrypoint, cmd;
  bool entrypoint_set = false, cmd_set = false;
  std::vector<std::pair<std::string, std::string>> env;  // in order
  std::vector<std::string> secret_values;
  std::string user;  // "1000:1000", "" for the image's
  std::vector<std::string> group_add;
  bool read_only = false, privileged = false, no_new_privileges = false;
  std::vector<std::string> cap_add, cap_drop;
  int64_t memory = 0, nano_cpus = 0, cpu_shares = 0;
  std::map<std::string, std::string> tmpfs;  // mountPath -> options
  struct FileMount {
    std::string volume;       // pod volume name
    std::string mount_path;
    std::string sub_path;     // "" for the whole volume
  };
  std::vector<FileMount> file_mounts;
  std::map<std::string, VolumeFiles> files;  // per pod volume
  std::string working_dir;
  std::string hostname;
};

struct Builder {
  const ManifestSet& set;
  const Object& w;
  const PodSpec& pod;
  const Container& c;
  Report& report;
  std::vector<std::string>& notes;
  std::string pod_name;

  Finding at(Mark m, const std::string& rule, std::string message, std::string field) const {
    Finding f;
    f.rule = rule;
    f.location.file = w.file;
    f.location.line = m.line;
    f.location.column = m.column;
    f.location.resource = w.resource();
    f.location.container = c.name;
    f.location.field = std::move(field);
    f.message = std::move(message);
    f.tags = {"k8s", "preflight"};
    return f;
  }

  std::optional<std::string> field_value(const std::string& path) const {
    if (path == "metadata.name") return pod_name;
    if (path == "metadata.namespace") return w.effective_namespace();
    if (path == "metadata.uid") return std::string("00000000-0000-0000-0000-000000000000");
    if (path == "status.podIP" || path == "status.podIPs" || path == "status.hostIP" || path == "status.hostIPs")
      return std::string("127.0.0.1");
    if (path == "spec.nodeName") return std::string("drydock-preflight");
    if (path == "spec.serviceAccountName") return pod.service_account.empty() ? "default" : pod.service_account;
    auto bracket = [&](const char* prefix, const std::map<std::string, std::string>& m) -> std::optional<std::string> {
      std::string p = prefix;
      if (path.rfind(p, 0) != 0 || path.size() < p.size() + 4 || path.back() != ']') return std::nullopt;
      std::string key = path.substr(p.size() + 1, path.size() - p.size() - 2);
      if (key.size() >= 2 && (key.front() == '\'' || key.front() == '"')) key = key.substr(1, key.size() - 2);
      auto it = m.find(key);
      return it == m.end() ? std::string() : it->second;
    };
    if (auto v = bracket("metadata.labels", pod.labels)) return v;
    if (auto v = bracket("metadata.annotations", pod.annotations)) return v;
    return std::nullopt;
  }

  std::optional<std::string> resource_value(const std::string& resource) const {
    const Resources& r = c.resources;
    auto mem = [](const std::string& q) -> std::optional<std::string> {
      auto b = kb::parse_memory(q);
      if (!b) return std::nullopt;
      return std::to_string(*b);
    };
    auto cpu = [](const std::string& q) -> std::optional<std::string> {
      auto v = kb::parse_cpu(q);
      if (!v) return std::nullopt;
      return std::to_string(static_cast<int64_t>(std::ceil(*v)));
    };
    if (resource == "limits.memory") return mem(r.memory_limit);
    if (resource == "requests.memory") return mem(r.memory_request.empty() ? r.memory_limit : r.memory_request);
    if (resource == "limits.cpu") return cpu(r.cpu_limit);
    if (resource == "requests.cpu") return cpu(r.cpu_request.empty() ? r.cpu_limit : r.cpu_request);
    return std::nullopt;
  }

  void put_env(Plan& p, const std::string& name, const std::string& value, bool secret) {
    if (secret && value.size() >= 4) p.secret_values.push_back(value);
    for (auto& kv : p.env)
      if (kv.first == name) {
        kv.second = value;
        return;
      }
    p.env.emplace_back(name, value);
  }

  void missing_ref(const std::string& what, const std::string& field, Mark m, const std::string& fix) {
    Finding f = at(m, "DD6502",
                   "the kubelet would not create container " + c.name + ": " + what + " (CreateContainerConfigError)",
                   field);
    f.evidence = field + ": " + what;
    f.root_cause = "env and envFrom must name ConfigMaps, Secrets and keys that exist, unless they are optional.";
    f.fix = fix;
    report.add(std::move(f));
  }

  void env(Plan& p) {
    int i = 0;
    for (const auto& f : c.env_from) {
      std::string field = c.path + ".envFrom[" + std::to_string(i++) + "]." + (f.secret ? "secretRef" : "configMapRef");
      const char* kind = f.secret ? "Secret" : "ConfigMap";
      const Object* o = set.find(kind, w.namespace_, f.name);
      if (!o) {
        if (!f.optional)
          missing_ref(std::string(kind) + " " + f.name + " is not in the input", field, f.at,
                      std::string("kubectl create ") + (f.secret ? "secret generic " : "configmap ") + f.name +
                          " --from-literal=KEY=VALUE   # or optional: true on the ref");
        continue;
      }
      for (const auto& [k, v] : o->data) put_env(p, f.prefix + k, v.value, f.secret);
    }
    i = 0;
    auto lookup = [&](const std::string& name) -> std::optional<std::string> {
      for (const auto& kv : p.env)
        if (kv.first == name) return kv.second;
      return std::nullopt;
    };
    for (const auto& e : c.env) {
      std::string field = c.path + ".env[" + std::to_string(i++) + "]";
      using S = EnvVar::Source;
      switch (e.source) {
        case S::value:
          put_env(p, e.name, expand_vars(e.value, lookup), false);
          break;
        case S::config_map_key:
        case S::secret_key: {
          bool secret = e.source == S::secret_key;
          const char* kind = secret ? "Secret" : "ConfigMap";
          std::string ref = field + ".valueFrom." + (secret ? "secretKeyRef" : "configMapKeyRef");
          const Object* o = set.find(kind, w.namespace_, e.ref_name);
          if (!o) {
            if (!e.optional)
              missing_ref(std::string(kind) + " " + e.ref_name + " (for " + e.name + ") is not in the input", ref,
                          e.ref_at.known() ? e.ref_at : e.at,
                          std::string("kubectl create ") + (secret ? "secret generic " : "configmap ") + e.ref_name +
                              " --from-literal=" + e.ref_key + "=VALUE");
            break;
          }
          auto it = o->data.find(e.ref_key);
          if (it == o->data.end()) {
            if (!e.optional)
              missing_ref(std::string(kind) + " " + e.ref_name + " has no key " + e.ref_key + " (for " + e.name + ")",
                          ref, e.ref_key_at.known() ? e.ref_key_at : e.at,
                          std::string(secret ? "stringData" : "data") + ":\n  " + e.ref_key + ": VALUE   # in " +
                              kind + " " + e.ref_name);
            break;
          }
          put_env(p, e.name, it->second.value, secret);
          break;
        }
        case S::field_ref: {
          auto v = field_value(e.ref_name);
          if (v) put_env(p, e.name, *v, false);
          else notes.push_back("env " + e.name + ": fieldRef " + e.ref_name + " has no local value; left unset");
          break;
        }
        case S::resource_field_ref: {
          auto v = resource_value(e.ref_name);
          if (v) put_env(p, e.name, *v, false);
          else notes.push_back("env " + e.name + ": resourceFieldRef " + e.ref_name + " has no limit to read; left unset");
          break;
        }
        default:
          notes.push_back("env " + e.name + ": valueFrom of a kind preflight does not know; left unset");
          break;
      }
    }
    // command and args see the final env.
    auto expand_all = [&](std::vector<std::string> v) {
      for (auto& s : v) s = expand_vars(s, lookup);
      return v;
    };
    // An empty list is the same as none for the kubelet: the image's.
    if (!c.command.empty()) {
      p.entrypoint = expand_all(c.command);
      p.entrypoint_set = true;
    }
    if (!c.args.empty()) {
      p.cmd = expand_all(c.args);
      p.cmd_set = true;
    }
  }

  // The files of a ConfigMap or Secret volume, laid out as the kubelet's
  // atomic writer does: ..TIMESTAMP/ holds the files, ..data points at it,
  // and each top-level name is a symlink into ..data.
  void volume_files(Plan& p, const Volume& v) {
    if (p.files.count(v.name)) return;
    VolumeFiles vf;
    vf.volume = v.name;
    bool secret = v.type == Volume::Type::secret;
    const char* kind = secret ? "Secret" : "ConfigMap";
    std::optional<int64_t> fs_group = pod.security_context.fs_group;
    const Object* o = set.find(kind, w.namespace_, v.source);
    std::string field = pod.path + ".volumes[" + volume_index(v) + "]." + (secret ? "secret" : "configMap");
    std::vector<std::pair<std::string, std::pair<std::string, int>>> files;  // path -> (data, mode)
    int default_mode = v.default_mode.value_or(0644);
    if (!o) {
      if (!v.optional) {
        Finding f = at(v.at, "DD6508",
                       "the kubelet could not mount volume " + v.name + ": " + kind + " " + v.source +
                           " is not in the input (FailedMount; the pod stays in ContainerCreating)",
                       field);
        f.evidence = field + (secret ? ".secretName=" : ".name=") + v.source;
        f.root_cause = std::string("A ") + kind + " volume needs the object to exist before the pod starts.";
        f.fix = std::string("kubectl create ") + (secret ? "secret generic " : "configmap ") + v.source +
                " --from-file=FILE   # or optional: true on the volume";
        report.add(std::move(f));
      }
    } else if (!v.items.empty()) {
      for (const auto& it : v.items) {
        auto d = o->data.find(it.key);
        if (d == o->data.end()) {
          if (!v.optional) {
            Finding f = at(v.at, "DD6508",
                           "the kubelet could not mount volume " + v.name + ": " + kind + " " + v.source +
                               " has no key " + it.key + " listed in items (FailedMount)",
                           field + ".items");
            f.evidence = field + ".items: key " + it.key;
            f.root_cause = "Every key listed in items must exist in the object unless the volume is optional.";
            f.fix = std::string(secret ? "stringData" : "data") + ":\n  " + it.key + ": VALUE   # in " + kind + " " +
                    v.source;
            report.add(std::move(f));
          }
          continue;
        }
        files.push_back({it.path.empty() ? it.key : it.path, {d->second.value, it.mode.value_or(default_mode)}});
      }
    } else {
      for (const auto& [k, d] : o->data) files.push_back({k, {d.value, default_mode}});
    }
    if (secret)
      for (const auto& f : files)
        if (f.second.first.size() >= 4) p.secret_values.push_back(f.second.first);
    // The kubelet's ownership: root, or group fsGroup with group read (these
    // volumes are read-only) and setgid folders.
    int64_t gid = fs_group.value_or(0);
    auto file_mode = [&](int m) { return static_cast<uint32_t>(fs_group ? (m | 0440) : m) & 07777u; };
    uint32_t dir_mode = fs_group ? (0755 | 0440 | 0110 | 02000) : 0755;
    vf.root_mode = fs_group ? 02777 : 0777;
    vf.root_gid = gid;
    char stamp[64];
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(stamp, sizeof stamp, "..%Y_%m_%d_%H_%M_%S.000000001", &tm);
    std::string ts = stamp;
    using T = engine::TarEntry::Type;
    vf.entries.push_back({ts, T::dir, "", "", dir_mode, 0, gid});
    std::vector<std::string> tops, dirs;
    for (const auto& [path, dm] : files) {
      // Intermediate folders of items paths (a/b/c.conf).
      size_t pos = 0;
      while ((pos = path.find('/', pos)) != std::string::npos) {
        std::string d = path.substr(0, pos);
        if (std::find(dirs.begin(), dirs.end(), d) == dirs.end()) {
          dirs.push_back(d);
          vf.entries.push_back({ts + "/" + d, T::dir, "", "", dir_mode, 0, gid});
        }
        ++pos;
      }
      vf.entries.push_back({ts + "/" + path, T::file, dm.first, "", file_mode(dm.second), 0, gid});
      std::string top = path.substr(0, path.find('/'));
      if (std::find(tops.begin(), tops.end(), top) == tops.end()) tops.push_back(top);
    }
    vf.entries.push_back({"..data", T::symlink, "", ts, 0777, 0, gid});
    for (const auto& t : tops) vf.entries.push_back({t, T::symlink, "", "..data/" + t, 0777, 0, gid});
    p.files[v.name] = std::move(vf);
  }

  std::string volume_index(const Volume& v) const {
    for (size_t i = 0; i < pod.volumes.size(); ++i)
      if (&pod.volumes[i] == &v) return std::to_string(i);
    return "?";
  }

  void mounts(Plan& p) {
    for (const auto& m : c.volume_mounts) {
      const Volume* v = pod.volume(m.name);
      if (!v) {
        notes.push_back("volumeMount " + m.mount_path + " names volume " + m.name +
                        ", which the pod does not define (the API would reject the pod); not mounted");
        continue;
      }
      switch (v->type) {
        case Volume::Type::empty_dir: {
          std::string opt = "rw,mode=0777";
          if (auto size = kb::parse_memory(v->size_limit); size && *size > 0) opt += ",size=" + std::to_string(*size);
          if (!m.sub_path.empty())
            notes.push_back("emptyDir " + m.name + " with subPath " + m.sub_path + " at " + m.mount_path +
                            ": mounted as its own tmpfs");
          p.tmpfs[m.mount_path] = opt;
          break;
        }
        case Volume::Type::config_map:
        case Volume::Type::secret:
          volume_files(p, *v);
          p.file_mounts.push_back({m.name, m.mount_path, m.sub_path});
          break;
        default: {
          const char* what = v->type == Volume::Type::pvc         ? "persistentVolumeClaim"
                             : v->type == Volume::Type::host_path ? "hostPath"
                             : v->type == Volume::Type::projected ? "projected"
                                                                  : "volume";
          p.tmpfs[m.mount_path] = m.read_only ? "ro,mode=0777" : "rw,mode=0777";
          notes.push_back(std::string(what) + " " + m.name + " at " + m.mount_path +
                          ": not available locally; mounted as an empty " + (m.read_only ? "read-only " : "") + "tmpfs");
        }
      }
    }
  }

  void security(Plan& p, const json& image_config) {
    EffectiveSecurity e = effective_security(pod, c);
    const SecurityContext& cs = c.security_context;
    std::string image_user = image_config.is_object() ? image_config.value("User", "") : "";
    if (e.run_as_user) {
      p.user = std::to_string(*e.run_as_user);
      if (e.run_as_group) p.user += ":" + std::to_string(*e.run_as_group);
    } else if (e.run_as_group) {
      std::string u = image_user.substr(0, image_user.find(':'));
      p.user = (u.empty() ? "0" : u) + ":" + std::to_string(*e.run_as_group);
    }
    if (pod.security_context.fs_group) p.group_add.push_back(std::to_string(*pod.security_context.fs_group));
    if (auto sg = pod.security_context.present ? supplemental_groups() : std::vector<std::string>{}; !sg.empty())
      p.group_add.insert(p.group_add.end(), sg.begin(), sg.end());
    p.read_only = e.read_only_root_filesystem.value_or(false);
    p.privileged = cs.privileged.value_or(false);
    p.no_new_privileges = cs.allow_privilege_escalation.has_value() && !*cs.allow_privilege_escalation;
    p.cap_add = cs.capabilities_add;
    p.cap_drop = cs.capabilities_drop;
  }

  std::vector<std::string> supplemental_groups() const {
    std::vector<std::string> out;
    auto n = w.node;
    YAML::Node spec;
    try {
      YAML::Node cur = YAML::Clone(n);
      // pod.path is a dotted path: spec, spec.template.spec, spec.jobTemplate.spec.template.spec
      std::string path = pod.path;
      size_t pos = 0;
      while (pos <= path.size()) {
        size_t dot = path.find('.', pos);
        std::string part = path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
        if (!cur.IsMap()) return out;
        cur = cur[part];
        if (dot == std::string::npos) break;
        pos = dot + 1;
      }
      if (!cur || !cur.IsMap()) return out;
      YAML::Node sg = cur["securityContext"]["supplementalGroups"];
      if (sg && sg.IsSequence())
        for (const auto& g : sg)
          if (g.IsScalar()) out.push_back(g.Scalar());
    } catch (const std::exception&) {
    }
    return out;
  }

  // runAsNonRoot as the kubelet verifies it: a numeric non-zero user, from
  // runAsUser or the image.
  bool non_root_violated(const json& image_config) {
    EffectiveSecurity e = effective_security(pod, c);
    if (!e.run_as_non_root.value_or(false)) return false;
    std::string why;
    std::string field = c.security_context.run_as_non_root ? c.path + ".securityContext.runAsNonRoot"
                                                            : pod.path + ".securityContext.runAsNonRoot";
    if (e.run_as_user) {
      if (*e.run_as_user != 0) return false;
      why = "runAsUser is 0";
    } else {
      std::string u = image_config.is_object() ? image_config.value("User", "") : "";
      u = u.substr(0, u.find(':'));
      if (!u.empty() && u.find_first_not_of("0123456789") == std::string::npos && u != "0" &&
          u.find_first_not_of('0') != std::string::npos)
        return false;
      if (u.empty() || u == "root" || u.find_first_not_of('0') == std::string::npos)
        why = "the image runs as root (User " + (u.empty() ? std::string("unset") : u) + ") and no runAsUser is set";
      else
        why = "the image's user " + u + " is not numeric, so the kubelet cannot verify it is non-root";
    }
    Finding f = at(e.run_as_non_root_at, "DD6503",
                   "the kubelet would refuse to start container " + c.name + ": runAsNonRoot is true but " + why +
                       " (CreateContainerConfigError)",
                   field);
    f.evidence = field + "=true, " + why;
    f.root_cause = "runAsNonRoot makes the kubelet check the user before start; it needs a numeric non-zero uid.";
    f.fix = "securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001   # or USER 10001 in the Dockerfile";
    report.add(std::move(f));
    return true;
  }

  void resources(Plan& p) {
    if (auto m = kb::parse_memory(c.resources.memory_limit); m && *m > 0) p.memory = *m;
    if (auto cpu = kb::parse_cpu(c.resources.cpu_limit); cpu && *cpu > 0)
      p.nano_cpus = static_cast<int64_t>(std::llround(*cpu * 1e9));
    std::string req = c.resources.cpu_request.empty() ? c.resources.cpu_limit : c.resources.cpu_request;
    if (auto cpu = kb::parse_cpu(req); cpu && *cpu > 0)
      p.cpu_shares = std::max<int64_t>(2, static_cast<int64_t>(std::llround(*cpu * 1024)));
  }
};

// ---------------------------------------------------------------------------
// What the run makes on the engine, removed whatever happens.

struct Made {
  engine::Client& client;
  std::vector<std::string> containers;
  std::vector<std::string> volumes;
  std::vector<fs::path> dirs;
  explicit Made(engine::Client& c) : client(c) {}
  Made(const Made&) = delete;
  Made& operator=(const Made&) = delete;
  void remove_container(const std::string& id) {
    try {
      client.remove("/containers/" + engine::url_encode(id) + "?force=1&v=1");
    } catch (const std::exception&) {
    }
    containers.erase(std::remove(containers.begin(), containers.end(), id), containers.end());
  }
  ~Made() {
    // Signals that arrive now must not cut the cleanup short: the handler
    // only sets a flag, and nothing here looks at it.
    while (!containers.empty()) remove_container(containers.back());
    for (const auto& v : volumes) {
      try {
        client.remove("/volumes/" + engine::url_encode(v) + "?force=1");
      } catch (const std::exception&) {
      }
    }
    for (const auto& d : dirs) {
      std::error_code ec;
      fs::remove_all(d, ec);
    }
  }
};

std::string run_id() {
  std::random_device rd;
  char b[32];
  std::snprintf(b, sizeof b, "%d-%06x", static_cast<int>(::getpid()), static_cast<unsigned>(rd() & 0xffffff));
  return b;
}

json labels(const std::string& id) {
  return {{"io.drydock.preflight", id}, {"io.drydock.preflight.pid", std::to_string(::getpid())}};
}

void check_interrupt(const Options& o) {
  if (!stop_requested(o)) return;
  int sig = o.interrupted->load();
  throw InputError(std::string("k8s preflight: interrupted by ") + (sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal") +
                   "; removed every container and volume it made");
}

// Writes a ConfigMap/Secret volume into an engine volume, through a created
// (never started) container of the same image.
void populate_volume(engine::Client& client, Made& made, const std::string& image, const std::string& vol_name,
                     const VolumeFiles& vf, const std::string& id) {
  json create = {{"Image", image},
                 {"Entrypoint", json::array({"/drydock-preflight-populate"})},
                 {"Cmd", json::array()},
                 {"Labels", labels(id)},
                 {"NetworkDisabled", true},
                 {"HostConfig",
                  {{"NetworkMode", "none"},
                   {"Mounts", json::array({{{"Type", "volume"}, {"Source", vol_name}, {"Target", "/drydock-volume"}}})}}}};
  auto made_c = client.post_json("/containers/create?name=" + engine::url_encode("drydock-preflight-fill-" + id + "-" + vf.volume),
                                 create);
  std::string cid = made_c.value("Id", "");
  made.containers.push_back(cid);
  std::vector<engine::TarEntry> entries;
  entries.push_back({"drydock-volume", engine::TarEntry::Type::dir, "", "", vf.root_mode, 0, vf.root_gid});
  for (auto e : vf.entries) {
    e.path = "drydock-volume/" + e.path;
    entries.push_back(std::move(e));
  }
  client.put_archive(cid, "/", engine::write_tar(entries));
  made.remove_container(cid);
}

// A subPath mount of a ConfigMap/Secret file: the engine (API 1.41) has no
// volume subpath, so the file is written to a host folder and bind-mounted.
fs::path host_file(Made& made, const VolumeFiles& vf, const std::string& sub_path, const std::string& id) {
  if (made.dirs.empty()) {
    fs::path base = fs::temp_directory_path() / ("drydock-preflight-" + id);
    fs::create_directories(base);
    ::chmod(base.c_str(), 0755);
    made.dirs.push_back(base);
  }
  fs::path root = made.dirs.front() / vf.volume;
  // The resolved entry: the file or folder under ..TIMESTAMP.
  std::string ts;
  for (const auto& e : vf.entries)
    if (e.path == "..data") ts = e.link;
  for (const auto& e : vf.entries) {
    if (e.type == engine::TarEntry::Type::symlink) continue;
    fs::path p = root / e.path;
    std::error_code ec;
    if (e.type == engine::TarEntry::Type::dir) {
      fs::create_directories(p, ec);
    } else {
      fs::create_directories(p.parent_path(), ec);
      std::ofstream(p, std::ios::binary) << e.data;
    }
    if (::lchown(p.c_str(), static_cast<uid_t>(e.uid), static_cast<gid_t>(e.gid)) != 0) {
      // Not root: the owner stays drydock's user (said in the notes).
    }
    ::chmod(p.c_str(), e.mode);
  }
  return root / ts / sub_path;
}

// ---------------------------------------------------------------------------
// Probes.

struct ProbeState {
  const Probe* spec = nullptr;
  ProbeRun run;
  double next = 0;  // seconds after start
  bool done = false;
};

int resolve_port(const Container& c, const std::string& port) {
  if (port.empty()) return 0;
  if (port.find_first_not_of("0123456789") == std::string::npos) {
    try {
      return std::stoi(port);
    } catch (const std::exception&) {
      return 0;
    }
  }
  for (const auto& p : c.ports)
    if (p.name == port) return p.container_port;
  return 0;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char ch : s) {
    if (ch == '\'') out += "'\\''";
    else out += ch;
  }
  return out + "'";
}

// The command that runs a probe inside the pod's network namespace, and what
// it checks. Empty command: not runnable (the reason in `why`).
std::vector<std::string> probe_command(const Container& c, const Probe& p, std::string& target, std::string& why) {
  int timeout = std::max(1, p.timeout_seconds);
  if (p.handler == "exec") {
    target = "exec";
    for (const auto& a : p.command) target += " " + a;
    if (p.command.empty()) why = "exec probe without a command";
    return p.command;
  }
  if (p.handler == "httpGet" || p.handler == "tcpSocket") {
    int port = resolve_port(c, p.port);
    if (port <= 0) {
      why = "port " + p.port + " is not a number nor a named port of the container";
      return {};
    }
    std::string host = "127.0.0.1";
    if (p.handler == "tcpSocket") {
      target = "tcp " + host + ":" + std::to_string(port);
      std::string t = std::to_string(timeout);
      std::string script =
          "if command -v nc >/dev/null 2>&1; then exec nc -w " + t + " " + host + " " + std::to_string(port) +
          " </dev/null >/dev/null; elif command -v bash >/dev/null 2>&1; then exec bash -c 'exec 3<>/dev/tcp/" + host + "/" +
          std::to_string(port) + "'; else echo 'drydock: no nc or bash to probe with' >&2; exit 127; fi";
      return {"sh", "-c", script};
    }
    std::string path = p.path.empty() ? "/" : p.path;
    if (path[0] != '/') path = "/" + path;
    std::string url = "http://" + host + ":" + std::to_string(port) + path;
    target = "GET " + url;
    std::string t = std::to_string(timeout);
    // No -T for wget: Debian's static busybox wget crashes with it; the exec
    // itself is bounded by timeoutSeconds.
    std::string script = "if command -v wget >/dev/null 2>&1; then exec wget -q -O /dev/null " +
                         shell_quote(url) + "; elif command -v curl >/dev/null 2>&1; then exec curl -fsS -o /dev/null -m " +
                         t + " " + shell_quote(url) +
                         "; else echo 'drydock: no wget or curl to probe with' >&2; exit 127; fi";
    return {"sh", "-c", script};
  }
  target = p.handler;
  why = p.handler.empty() ? "probe without a handler" : p.handler + " probes are not executed by preflight";
  return {};
}

bool tool_missing(const engine::ExecResult& r) {
  if (r.output.find("drydock: no ") != std::string::npos) return true;
  if (!r.exit_code) return false;
  if (*r.exit_code != 126 && *r.exit_code != 127) return false;
  return r.output.find("exec: \"sh\"") != std::string::npos || r.output.find("\"sh\": executable file not found") != std::string::npos ||
         r.output.find("no such file or directory") != std::string::npos;
}

}  // namespace

// ---------------------------------------------------------------------------

Result run(const ManifestSet& set, const Options& o, engine::Client& client, const Config& config) {
  Result result;
  const Object* w = pick_workload(set, o.workload);
  const PodSpec& pod = *w->pod;
  const Container* c = pick_container(pod, o.container, *w);
  Report report(&config);
  Builder b{set, *w, pod, *c, report, result.notes, w->name + "-preflight"};
  Plan plan;
  plan.image = image_for(*c, o.image_overrides);
  plan.hostname = b.pod_name.substr(0, 63);
  plan.working_dir = c->working_dir;

  auto image = client.inspect_image(plan.image);
  if (!image)
    throw InputError("k8s preflight: image " + plan.image + " is not in the local engine (preflight does not pull); " +
                     "build or load it, or pass --image-override " + c->name + "=IMAGE");
  json image_config = image->contains("Config") ? (*image)["Config"] : json::object();

  b.env(plan);
  b.security(plan, image_config);
  b.resources(plan);
  b.mounts(plan);
  bool refused = b.non_root_violated(image_config);
  bool blocked = refused;
  for (const auto& f : report.findings())
    if (f.rule == "DD6502" || f.rule == "DD6508") blocked = true;
  if (!pod.init_containers.empty() && o.container.empty())
    result.notes.push_back("init containers are not run: " + std::to_string(pod.init_containers.size()) +
                           " init container(s) would run first in the cluster");
  if (pod.containers.size() > 1)
    result.notes.push_back("only container " + c->name + " is run; the pod has " + std::to_string(pod.containers.size()) +
                           " containers");
  if (pod.host_network)
    result.notes.push_back("hostNetwork is not reproduced: the container gets loopback only");
  bool any_subpath = false;
  for (const auto& m : plan.file_mounts) any_subpath |= !m.sub_path.empty();
  if (any_subpath && ::geteuid() != 0)
    result.notes.push_back("subPath files are bind-mounted from a host folder owned by drydock's user, not root");
  if (any_subpath && client.endpoint().unix_path.empty())
    result.notes.push_back("subPath files are bind-mounted from this host; a remote engine does not see them");

  json run_info = {{"workload", w->resource()},
                   {"container", c->name},
                   {"image", plan.image},
                   {"user", plan.user.empty() ? json(nullptr) : json(plan.user)},
                   {"read_only_root", plan.read_only},
                   {"cap_drop", plan.cap_drop},
                   {"cap_add", plan.cap_add},
                   {"no_new_privileges", plan.no_new_privileges},
                   {"memory", plan.memory},
                   {"nano_cpus", plan.nano_cpus}};
  json tmpfs = json::array();
  for (const auto& [path, opt] : plan.tmpfs) tmpfs.push_back(path);
  run_info["tmpfs"] = tmpfs;
  json env_names = json::array();
  for (const auto& kv : plan.env) env_names.push_back(kv.first);
  run_info["env"] = env_names;
  json files = json::array();
  for (const auto& m : plan.file_mounts) files.push_back(m.mount_path + (m.sub_path.empty() ? "" : " (subPath " + m.sub_path + ")"));
  run_info["files"] = files;

  if (blocked) {
    run_info["ran"] = false;
    result.run = run_info;
    result.findings = std::move(report.findings());
    return result;
  }

  check_interrupt(o);
  std::string id = run_id();
  Made made(client);
  // ConfigMap and Secret volumes.
  std::map<std::string, std::string> volume_names;
  for (const auto& [name, vf] : plan.files) {
    bool whole = false;
    for (const auto& m : plan.file_mounts) whole |= m.volume == name && m.sub_path.empty();
    if (!whole) continue;
    std::string vol = "drydock-preflight-" + id + "-" + name;
    say(o, "preflight: writing volume " + name + " (" + std::to_string(vf.entries.size()) + " entries)");
    client.post_json("/volumes/create", {{"Name", vol}, {"Labels", labels(id)}});
    made.volumes.push_back(vol);
    populate_volume(client, made, plan.image, vol, vf, id);
    volume_names[name] = vol;
    check_interrupt(o);
  }
  json mounts = json::array();
  for (const auto& m : plan.file_mounts) {
    if (m.sub_path.empty()) {
      mounts.push_back({{"Type", "volume"}, {"Source", volume_names[m.volume]}, {"Target", m.mount_path}, {"ReadOnly", true}});
    } else {
      fs::path f = host_file(made, plan.files[m.volume], m.sub_path, id);
      mounts.push_back({{"Type", "bind"}, {"Source", f.string()}, {"Target", m.mount_path}, {"ReadOnly", true}});
    }
  }
  json env = json::array();
  for (const auto& kv : plan.env) env.push_back(kv.first + "=" + kv.second);
  json host = {{"NetworkMode", "none"},
               {"ReadonlyRootfs", plan.read_only},
               {"Privileged", plan.privileged},
               {"Tmpfs", plan.tmpfs},
               {"Mounts", mounts},
               {"RestartPolicy", {{"Name", "no"}}}};
  if (!plan.cap_add.empty()) host["CapAdd"] = plan.cap_add;
  if (!plan.cap_drop.empty()) host["CapDrop"] = plan.cap_drop;
  if (plan.no_new_privileges) host["SecurityOpt"] = json::array({"no-new-privileges:true"});
  if (!plan.group_add.empty()) host["GroupAdd"] = plan.group_add;
  if (plan.memory) {
    host["Memory"] = plan.memory;
    host["MemorySwap"] = plan.memory;
  }
  if (plan.nano_cpus) host["NanoCpus"] = plan.nano_cpus;
  if (plan.cpu_shares) host["CpuShares"] = plan.cpu_shares;
  json create = {{"Image", plan.image}, {"Env", env}, {"Labels", labels(id)}, {"Hostname", plan.hostname},
                 {"HostConfig", host}};
  if (plan.entrypoint_set) create["Entrypoint"] = plan.entrypoint;
  if (plan.cmd_set) create["Cmd"] = plan.cmd;
  if (!plan.user.empty()) create["User"] = plan.user;
  if (!plan.working_dir.empty()) create["WorkingDir"] = plan.working_dir;
  std::string name = "drydock-preflight-" + id;
  say(o, "preflight: creating container " + name + " from " + plan.image);
  auto created = client.post_json("/containers/create?name=" + engine::url_encode(name), create);
  std::string cid = created.value("Id", "");
  made.containers.push_back(cid);
  check_interrupt(o);
  try {
    client.post_json("/containers/" + cid + "/start", nullptr);
  } catch (const engine::ApiError& e) {
    // A start failure (missing command, bad mount) is diagnosed like any other.
    say(o, std::string("preflight: the engine could not start the container: ") + e.what());
  }
  auto start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  say(o, "preflight: running for at most " + std::to_string(o.timeout_seconds) + "s");

  // Probes, as the kubelet schedules them: startup first; liveness and
  // readiness once it passed, each after its initialDelaySeconds.
  std::vector<ProbeState> probes;
  auto add_probe = [&](const Probe& p, const char* kind, const char* key) {
    if (!p.present) return;
    ProbeState s;
    s.spec = &p;
    s.run.kind = kind;
    s.run.handler = p.handler;
    s.run.field = c->path + "." + key;
    s.run.at = p.at;
    s.run.failure_threshold = std::max(1, p.failure_threshold);
    s.next = std::max(0, p.initial_delay_seconds);
    probe_command(*c, p, s.run.target, s.run.not_run);
    probes.push_back(std::move(s));
  };
  add_probe(c->startup, "startup", "startupProbe");
  add_probe(c->liveness, "liveness", "livenessProbe");
  add_probe(c->readiness, "readiness", "readinessProbe");
  bool has_startup = c->startup.present;
  bool started_ok = !has_startup;
  double started_at = 0;
  std::string helper;  // a container in the pod's network namespace, for http/tcp probes
  bool exited = false, killed_by_probe = false;
  auto deadline = std::chrono::seconds(std::max(1, o.timeout_seconds));
  auto next_inspect = Clock::now();
  while (Clock::now() - start < deadline) {
    if (stop_requested(o)) break;
    if (Clock::now() >= next_inspect) {
      auto st = client.inspect_container(cid);
      if (!st || !(*st)["State"].value("Running", false)) {
        exited = true;
        break;
      }
      next_inspect = Clock::now() + std::chrono::milliseconds(250);
    }
    double now = elapsed();
    for (auto& p : probes) {
      if (p.done || !p.run.not_run.empty()) continue;
      if (p.run.kind != "startup" && !started_ok) continue;
      double due = p.run.kind == "startup" ? p.next : std::max(p.next, started_at);
      if (now < due) continue;
      std::string target, why;
      auto cmd = probe_command(*c, *p.spec, target, why);
      engine::ExecResult r;
      try {
        r = client.exec(helper.empty() || p.run.handler == "exec" ? cid : helper, cmd, std::max(1, p.spec->timeout_seconds));
      } catch (const engine::ApiError& e) {
        // The container stopped between the inspect and the exec.
        break;
      }
      if (p.run.handler != "exec" && helper.empty() && tool_missing(r)) {
        if (o.probe_image.empty()) {
          p.run.not_run = "the image has no sh with wget/curl (http) or nc/bash (tcp); pass --probe-image IMAGE";
          continue;
        }
        json hc = {{"Image", o.probe_image},
                   {"Entrypoint", json::array({"sh", "-c", "sleep 86400"})},
                   {"Labels", labels(id)},
                   {"HostConfig", {{"NetworkMode", "container:" + cid}}}};
        auto h = client.post_json("/containers/create?name=" + engine::url_encode(name + "-probe"), hc);
        helper = h.value("Id", "");
        made.containers.push_back(helper);
        client.post_json("/containers/" + helper + "/start", nullptr);
        r = client.exec(helper, cmd, std::max(1, p.spec->timeout_seconds));
      }
      ++p.run.attempts;
      bool ok = r.exit_code && *r.exit_code == 0 && !r.timed_out;
      if (ok) {
        ++p.run.successes;
        p.run.streak = 0;
        if (p.run.first_success < 0) p.run.first_success = elapsed();
        if (p.run.kind == "startup") {
          p.done = true;
          started_ok = true;
          started_at = elapsed();
        }
      } else {
        ++p.run.failures;
        ++p.run.streak;
        p.run.max_streak = std::max(p.run.max_streak, p.run.streak);
        std::string out = r.timed_out ? "timed out after " + std::to_string(p.spec->timeout_seconds) + "s"
                                      : "exit " + (r.exit_code ? std::to_string(*r.exit_code) : std::string("?"));
        std::string text = runtime::clip(r.output, 200);
        p.run.last_output = text.empty() ? out : out + ": " + text;
        if (p.run.kind != "readiness" && p.run.streak >= p.run.failure_threshold) {
          p.run.would_restart = true;
          killed_by_probe = true;
        }
      }
      p.next = elapsed() + std::max(1, p.spec->period_seconds);
    }
    if (killed_by_probe) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  check_interrupt(o);
  double ran = elapsed();
  say(o, "preflight: diagnosing after " + std::to_string(static_cast<int>(ran)) + "s");

  // The state as the engine shows it, before anything stops the container.
  runtime::LiveTarget t = runtime::fetch(client, cid, 200);
  runtime::ContainerState& s = t.state;
  s.source = "k8s";
  s.name = c->name;
  auto& fn = s.fields;
  fn.readonly_rootfs = c->path + ".securityContext.readOnlyRootFilesystem";
  fn.memory = c->path + ".resources.limits.memory";
  fn.nano_cpus = c->path + ".resources.limits.cpu";
  fn.env = c->path + ".env";
  fn.cmd = c->path + ".args";
  fn.entrypoint = c->path + ".command";
  fn.tmpfs = c->path + ".volumeMounts";
  {
    EffectiveSecurity e = effective_security(pod, *c);
    fn.user = c->security_context.run_as_user ? c->path + ".securityContext.runAsUser"
              : e.run_as_user                 ? pod.path + ".securityContext.runAsUser"
                                              : "Image.User";
  }
  fn.restart_policy = pod.path + ".restartPolicy";
  // Secret values the plan resolved are redacted like the env's.
  auto findings = runtime::diagnose(s, t.logs, &config);
  std::map<std::string, Mark> marks = {
      {fn.readonly_rootfs, c->security_context.read_only_root_filesystem_at},
      {fn.memory, c->resources.memory_limit_at},
      {fn.nano_cpus, c->resources.cpu_limit_at},
      {fn.cmd, c->args_at},
      {fn.entrypoint, c->command_at},
  };
  if (c->security_context.run_as_user) marks[fn.user] = c->security_context.run_as_user_at;
  else if (pod.security_context.run_as_user) marks[fn.user] = pod.security_context.run_as_user_at;
  for (auto& f : findings) {
    // Engine rules that make no sense for one preflight run.
    if (f.rule == "DD5010" || f.rule == "DD5011") continue;
    f.location.resource = w->resource();
    f.location.container = c->name;
    f.location.file = w->file;
    Mark m = c->at;
    if (auto it = marks.find(f.location.field); it != marks.end() && it->second.known()) {
      m = it->second;
    } else {
      // A log-line finding whose evidence starts with a manifest field
      // (readOnlyRootFilesystem=true, ...) points at that field.
      for (const auto& [field, mk] : marks)
        if (mk.known() && f.evidence.rfind(field + "=", 0) == 0) m = mk;
    }
    f.location.line = m.line;
    f.location.column = m.column;
    f.location.end_line = 0;
    f.location.end_column = 0;
    if (std::find(f.tags.begin(), f.tags.end(), "preflight") == f.tags.end()) f.tags.push_back("preflight");
    for (const auto& v : plan.secret_values) {
      f.evidence = redact_in(f.evidence, v);
      f.message = redact_in(f.message, v);
      f.fix = redact_in(f.fix, v);
    }
    report.add(std::move(f));
  }

  // Probe results.
  for (auto& p : probes) {
    ProbeRun& r = p.run;
    if (r.not_run.empty() && r.attempts == 0) {
      if (r.kind != "startup" && !started_ok) r.not_run = "the startup probe never passed";
      else if (exited) r.not_run = "the container exited before the first probe";
      else r.not_run = "initialDelaySeconds " + std::to_string(p.spec->initial_delay_seconds) + " is beyond the run";
    }
    bool fail_liveness = r.would_restart;
    bool never_ready = r.kind == "readiness" && r.successes == 0 && r.attempts >= r.failure_threshold && !exited;
    if (!fail_liveness && !never_ready) continue;
    Finding f = b.at(r.at, "DD6509", "", r.field);
    if (fail_liveness) {
      f.message = r.kind + " probe `" + r.target + "` failed " + std::to_string(r.streak) +
                  " times in a row (failureThreshold " + std::to_string(r.failure_threshold) +
                  "): the kubelet would restart container " + c->name;
      f.severity = Severity::error;
    } else {
      f.message = "readiness probe `" + r.target + "` never passed in " + std::to_string(static_cast<int>(ran)) + "s (" +
                  std::to_string(r.attempts) + " attempts): the pod would never receive traffic";
      f.severity = Severity::warning;
    }
    f.evidence = r.field + ": " + r.last_output;
    for (const auto& v : plan.secret_values) f.evidence = redact_in(f.evidence, v);
    f.root_cause = r.successes == 0 ? "The probe target never answered while the container ran."
                                    : "The probe passed at first and then kept failing.";
    int port = resolve_port(*c, p.spec->port);
    if (r.handler == "exec") {
      f.fix = "kubectl exec POD -c " + c->name + " --" + r.target.substr(4) + "   # run the probe by hand; fix the app or the probe";
    } else {
      f.fix = "# the app must listen on 0.0.0.0:" + std::to_string(port) +
              " (the kubelet probes the pod IP); if it starts slowly, give it a startupProbe:\nstartupProbe:\n  " +
              (r.handler == "httpGet" ? "httpGet: {path: " + (p.spec->path.empty() ? std::string("/") : p.spec->path) +
                                            ", port: " + p.spec->port + "}"
                                      : "tcpSocket: {port: " + p.spec->port + "}") +
              "\n  failureThreshold: 30\n  periodSeconds: 10";
    }
    f.tags = {"k8s", "preflight", "probe"};
    report.add(std::move(f));
  }
  for (auto& p : probes) result.probes.push_back(p.run);

  run_info["ran"] = true;
  run_info["seconds"] = std::round(ran * 10) / 10;
  run_info["exited"] = exited;
  if (s.exit_code && exited) run_info["exit_code"] = *s.exit_code;
  if (exited) run_info["oom_killed"] = s.oom_killed;
  run_info["stopped_by"] = exited ? "exit" : killed_by_probe ? "probe" : "timeout";
  result.run = run_info;
  result.findings = std::move(report.findings());
  return result;
}

std::string describe(const Result& r) {
  const json& j = r.run;
  std::string out = "Preflight of " + j.value("workload", "") + " container " + j.value("container", "") + " (image " +
                    j.value("image", "") + ") on the local engine\n";
  std::string how;
  if (j.contains("user") && j["user"].is_string()) how += "user " + j["user"].get<std::string>();
  if (j.value("read_only_root", false)) how += (how.empty() ? "" : ", ") + std::string("read-only root");
  if (j.value("no_new_privileges", false)) how += (how.empty() ? "" : ", ") + std::string("no-new-privileges");
  if (j.contains("cap_drop") && !j["cap_drop"].empty()) {
    std::string caps;
    for (const auto& x : j["cap_drop"]) caps += (caps.empty() ? "" : ",") + x.get<std::string>();
    how += (how.empty() ? "" : ", ") + std::string("cap-drop ") + caps;
  }
  if (j.value("memory", int64_t(0))) how += (how.empty() ? "" : ", ") + std::string("memory ") + runtime::human_bytes(j["memory"].get<int64_t>());
  if (j.value("nano_cpus", int64_t(0))) {
    char b[32];
    std::snprintf(b, sizeof b, "cpus %.2f", j["nano_cpus"].get<int64_t>() / 1e9);
    how += (how.empty() ? "" : ", ") + std::string(b);
  }
  if (!how.empty()) out += "  as: " + how + "\n";
  auto list = [&](const char* key, const char* label) {
    if (!j.contains(key) || j[key].empty()) return;
    std::string s;
    for (const auto& x : j[key]) s += (s.empty() ? "" : ", ") + x.get<std::string>();
    out += std::string("  ") + label + ": " + s + "\n";
  };
  list("tmpfs", "tmpfs");
  list("files", "files");
  list("env", "env");
  if (!j.value("ran", false)) {
    out += "  not run: the kubelet would not start this container (see the findings)\n";
  } else {
    char b[160];
    std::string end = j.value("stopped_by", "");
    std::snprintf(b, sizeof b, "  ran %.1fs, %s", j.value("seconds", 0.0),
                  end == "exit"    ? ("exited with " + std::to_string(j.value("exit_code", -1))).c_str()
                  : end == "probe" ? "stopped: a probe would have restarted it"
                                   : "still running at the timeout");
    out += b;
    out += "\n";
  }
  for (const auto& p : r.probes) {
    out += "  probe " + p.kind + " " + p.target + ": ";
    if (!p.not_run.empty()) out += "not run (" + p.not_run + ")";
    else
      out += std::to_string(p.successes) + "/" + std::to_string(p.attempts) + " passed" +
             (p.failures ? ", last failure: " + p.last_output : "");
    out += "\n";
  }
  for (const auto& n : r.notes) out += "  note: " + n + "\n";
  return out;
}

}  // namespace dd::k8s::preflight
