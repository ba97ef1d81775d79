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

// The image a container runs: CONTAINER=IMAGE, else a plain IMAGE override
// for the chosen container only, else the manifest's.
std::string image_for(const Container& c, const std::vector<std::string>& overrides, bool chosen) {
  std::string plain;
  for (const auto& o : overrides) {
    auto eq = o.find('=');
    if (eq != std::string::npos && o.substr(0, eq) == c.name) return o.substr(eq + 1);
    if (eq == std::string::npos) plain = o;
  }
  return plain.empty() || !chosen ? c.image : plain;
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
  std::vector<FileMount> file_mounts;   // ConfigMap, Secret and service-account files
  struct DirMount {
    std::string volume;      // the pod's emptyDir
    std::string mount_path;
    std::string sub_path;
    bool read_only = false;
  };
  std::vector<DirMount> empty_mounts;  // emptyDir: one volume per pod volume, shared by every mount
  std::string working_dir;
  std::string hostname;
};

// A ConfigMap, Secret or projected volume laid out as the kubelet's atomic
// writer does: ..TIMESTAMP/ holds the files, ..data points at it, and each
// top-level name is a symlink into ..data. `files`: path -> (data, mode).
VolumeFiles kubelet_layout(const std::string& volume,
                           const std::vector<std::pair<std::string, std::pair<std::string, int>>>& files,
                           std::optional<int64_t> fs_group) {
  VolumeFiles vf;
  vf.volume = volume;
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
  return vf;
}

struct Builder {
  const ManifestSet& set;
  const Object& w;
  const PodSpec& pod;
  const Container& c;
  Report& report;
  std::vector<std::string>& notes;
  std::string pod_name;
  std::map<std::string, VolumeFiles>& files;  // ConfigMap/Secret volumes of the pod, by volume name

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

  // The Service env the kubelet injects (enableServiceLinks, the default): for
  // each Service of the pod's namespace with a cluster IP, NAME_SERVICE_HOST,
  // NAME_SERVICE_PORT[_PORTNAME] and the Docker-link NAME_PORT* variables; the
  // `kubernetes` Service's always. Container env and envFrom win over them.
  // A Service without a written clusterIP gets a placeholder in 10.96.0.0/12
  // (the address is assigned when the Service is created).
  void service_env(Plan& p) {
    auto var = [](std::string n) {
      for (auto& ch : n) ch = ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      return n;
    };
    auto links = [&](const std::string& name, const std::string& ip, const std::vector<ServicePort>& ports) {
      if (ports.empty()) return;
      std::string n = var(name);
      put_env(p, n + "_SERVICE_HOST", ip, false);
      put_env(p, n + "_SERVICE_PORT", std::to_string(ports[0].port), false);
      for (const auto& sp : ports)
        if (!sp.name.empty()) put_env(p, n + "_SERVICE_PORT_" + var(sp.name), std::to_string(sp.port), false);
      for (size_t i = 0; i < ports.size(); ++i) {
        std::string proto = ports[i].protocol.empty() ? "TCP" : ports[i].protocol;
        std::string lproto = proto;
        std::transform(lproto.begin(), lproto.end(), lproto.begin(), ::tolower);
        std::string port = std::to_string(ports[i].port);
        std::string url = lproto + "://" + ip + ":" + port;
        if (i == 0) put_env(p, n + "_PORT", url, false);
        std::string prefix = n + "_PORT_" + port + "_" + proto;
        put_env(p, prefix, url, false);
        put_env(p, prefix + "_PROTO", lproto, false);
        put_env(p, prefix + "_PORT", port, false);
        put_env(p, prefix + "_ADDR", ip, false);
      }
    };
    std::vector<const Object*> services;
    if (pod.enable_service_links.value_or(true))
      for (const auto& o : set.objects())
        if (o.is("Service") && o.effective_namespace() == w.effective_namespace() && o.name != "kubernetes")
          services.push_back(&o);
    std::sort(services.begin(), services.end(), [](const Object* a, const Object* b) { return a->name < b->name; });
    int placeholder = 10;
    std::vector<std::string> placed;
    for (const Object* o : services) {
      if (o->service_type == "ExternalName" || o->cluster_ip == "None") continue;  // no cluster IP: no env
      std::string ip = o->cluster_ip;
      if (ip.empty()) {
        ip = "10.96.0." + std::to_string(placeholder++ % 250 + 2);
        placed.push_back(o->name + "=" + ip);
      }
      links(o->name, ip, o->service_ports);
    }
    links("kubernetes", "10.96.0.1", {ServicePort{"https", 443, "6443", "TCP"}});
    if (!placed.empty()) {
      std::string list;
      for (const auto& x : placed) list += (list.empty() ? "" : ", ") + x;
      notes.push_back("Service env links use placeholder cluster IPs for Services without spec.clusterIP: " + list);
    }
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
    if (files.count(v.name)) return;
    VolumeFiles vf;
    vf.volume = v.name;
    bool secret = v.type == Volume::Type::secret;
    const char* kind = secret ? "Secret" : "ConfigMap";
    std::optional<int64_t> fs_group = pod.security_context.fs_group;
    const Object* o = set.find(kind, w.namespace_, v.source);
    std::string field = pod.path + ".volumes[" + volume_index(v) + "]." + (secret ? "secret" : "configMap");
    std::vector<std::pair<std::string, std::pair<std::string, int>>> content;  // path -> (data, mode)
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
        content.push_back({it.path.empty() ? it.key : it.path, {d->second.value, it.mode.value_or(default_mode)}});
      }
    } else {
      for (const auto& [k, d] : o->data) content.push_back({k, {d.value, default_mode}});
    }
    if (secret)
      for (const auto& f : content)
        if (f.second.first.size() >= 4) p.secret_values.push_back(f.second.first);
    vf = kubelet_layout(v.name, content, fs_group);
    files[v.name] = std::move(vf);
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
        case Volume::Type::empty_dir:
          p.empty_mounts.push_back({m.name, m.mount_path, m.sub_path, m.read_only});
          break;
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
// The run's private host folder (subPath files, emptyDirs with subPath).
fs::path host_base(Made& made, const std::string& id) {
  if (made.dirs.empty()) {
    fs::path base = fs::temp_directory_path() / ("drydock-preflight-" + id);
    fs::create_directories(base);
    ::chmod(base.c_str(), 0755);
    made.dirs.push_back(base);
  }
  return made.dirs.front();
}

fs::path host_file(Made& made, const VolumeFiles& vf, const std::string& sub_path, const std::string& id) {
  fs::path root = host_base(made, id) / vf.volume;
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
  std::string runner;  // the container http/tcp/grpc probes run in, once found
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

// The host a probe connects to: the pod IP (127.0.0.1 here) unless `host` is
// written. A host outside the pod cannot be probed from here.
bool probe_host(const Probe& p, std::string& host, std::string& why) {
  host = "127.0.0.1";
  if (p.host.empty() || p.host == "127.0.0.1" || p.host == "localhost" || p.host == "::1") {
    if (!p.host.empty()) host = p.host == "::1" ? "[::1]" : p.host;
    return true;
  }
  why = "host " + p.host + " is outside the pod; preflight probes only the pod's own addresses";
  return false;
}

// The command that runs a probe inside the pod's network namespace, and what
// it checks. Empty command: not runnable (the reason in `why`). `target`
// names the headers of an httpGet probe, never their values.
std::vector<std::string> probe_command(const Container& c, const Probe& p, std::string& target, std::string& why) {
  int timeout = std::max(1, p.timeout_seconds);
  std::string t = std::to_string(timeout);
  if (p.handler == "exec") {
    target = "exec";
    for (const auto& a : p.command) target += " " + a;
    if (p.command.empty()) why = "exec probe without a command";
    return p.command;
  }
  if (p.handler == "httpGet" || p.handler == "tcpSocket" || p.handler == "grpc") {
    int port = resolve_port(c, p.port);
    std::string host;
    bool host_ok = probe_host(p, host, why);
    if (port <= 0) {
      target = p.handler + " port " + p.port;
      why = p.handler == "grpc" ? "port " + p.port + " is not a number"
                                : "port " + p.port + " is not a number nor a named port of the container";
      return {};
    }
    std::string hp = host + ":" + std::to_string(port);
    if (p.handler == "grpc") {
      target = "grpc " + hp + (p.grpc_service.empty() ? "" : " service " + p.grpc_service);
      // The standard grpc.health.v1 client, when the image (or --probe-image) has it.
      std::string script = "if command -v grpc_health_probe >/dev/null 2>&1; then exec grpc_health_probe -addr=" + hp +
                           " -connect-timeout=" + t + "s -rpc-timeout=" + t + "s" +
                           (p.grpc_service.empty() ? "" : " -service=" + shell_quote(p.grpc_service)) +
                           "; else echo 'drydock: no grpc_health_probe' >&2; exit 127; fi";
      if (!host_ok) return {};
      return {"sh", "-c", script};
    }
    if (p.handler == "tcpSocket") {
      target = "tcp " + hp;
      if (!host_ok) return {};
      std::string bare = host.front() == '[' ? host.substr(1, host.size() - 2) : host;
      std::string script =
          "if command -v nc >/dev/null 2>&1; then exec nc -w " + t + " " + bare + " " + std::to_string(port) +
          " </dev/null >/dev/null; elif command -v bash >/dev/null 2>&1; then exec bash -c 'exec 3<>/dev/tcp/" + bare + "/" +
          std::to_string(port) + "'; else echo 'drydock: no nc or bash to probe with' >&2; exit 127; fi";
      return {"sh", "-c", script};
    }
    std::string path = p.path.empty() ? "/" : p.path;
    if (path[0] != '/') path = "/" + path;
    bool https = p.scheme == "HTTPS" || p.scheme == "https";
    std::string url = std::string(https ? "https" : "http") + "://" + hp + path;
    target = "GET " + url;
    // The kubelet's default headers, unless the probe sets them.
    std::vector<std::pair<std::string, std::string>> headers = p.http_headers;
    auto has_header = [&](const char* n) {
      for (const auto& [k, v] : headers) {
        std::string a = k, b = n;
        std::transform(a.begin(), a.end(), a.begin(), ::tolower);
        std::transform(b.begin(), b.end(), b.begin(), ::tolower);
        if (a == b) return true;
      }
      return false;
    };
    if (!p.http_headers.empty()) {
      std::string names;
      for (const auto& [k, v] : p.http_headers) names += (names.empty() ? "" : ", ") + k;
      target += " (headers " + names + ")";
    }
    if (!host_ok) return {};
    std::string curl_h, wget_h;
    for (const auto& [k, v] : headers) {
      curl_h += " -H " + shell_quote(k + ": " + v);
      wget_h += " --header " + shell_quote(k + ": " + v);
    }
    if (!has_header("User-Agent")) {
      curl_h += " -A kube-probe/1.30";
      wget_h += " -U kube-probe/1.30";
    }
    if (!has_header("Accept")) curl_h += " -H 'Accept: */*'";
    // The kubelet does not verify the certificate of an HTTPS probe. A
    // busybox wget built without TLS cannot probe HTTPS at all: that is a
    // missing tool, not a failing probe. No -T for wget: Debian's static
    // busybox wget crashes with it; the exec itself is bounded by
    // timeoutSeconds.
    std::string curl = "exec curl -fsS -o /dev/null -m " + t + (https ? " -k" : "") + curl_h + " " + shell_quote(url);
    std::string wget = https ? "out=$(wget -q --no-check-certificate -O /dev/null" + wget_h + " " + shell_quote(url) +
                                   " 2>&1); rc=$?; case \"$out\" in *'not an http'*|*ssl_client*|*'nrecognized option'*|"
                                   "*'nvalid option'*|*'not compiled'*) echo 'drydock: no wget with TLS' >&2; exit 127;; esac; "
                                   "[ -n \"$out\" ] && echo \"$out\" >&2; exit $rc"
                             : "exec wget -q -O /dev/null" + wget_h + " " + shell_quote(url);
    std::string script = https ? "if command -v curl >/dev/null 2>&1; then " + curl +
                                     "; elif command -v wget >/dev/null 2>&1; then " + wget +
                                     "; else echo 'drydock: no wget or curl to probe with' >&2; exit 127; fi"
                               : "if command -v wget >/dev/null 2>&1; then " + wget +
                                     "; elif command -v curl >/dev/null 2>&1; then " + curl +
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

// One container of the pod as it runs here.
struct Member {
  const Container* c = nullptr;
  std::string kind;  // init, sidecar, app
  Plan plan;
  std::string cid;
};

// The service-account token the kubelet projects into every container
// (kube-api-access-*): token, ca.crt and namespace, mode 0644. Not mounted
// when the pod (or its ServiceAccount in the set) sets
// automountServiceAccountToken: false.
bool automounts_token(const ManifestSet& set, const Object& w, const PodSpec& pod) {
  if (pod.automount_service_account_token) return *pod.automount_service_account_token;
  std::string sa = pod.service_account.empty() ? "default" : pod.service_account;
  if (const Object* o = set.find("ServiceAccount", w.namespace_, sa); o && o->automount_service_account_token)
    return *o->automount_service_account_token;
  return true;
}

constexpr const char* kTokenPath = "/var/run/secrets/kubernetes.io/serviceaccount";
constexpr const char* kTokenVolume = "kube-api-access-preflight";

VolumeFiles token_files(const Object& w, const PodSpec& pod) {
  // A dummy, unsigned token: the shape of a JWT, and nothing an API server accepts.
  std::string token =
      "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJkcnlkb2NrLXByZWZsaWdodCIsInN1YiI6InN5c3RlbTpzZXJ2aWNlYWNjb3VudDpwcmVmbGlnaHQifQ.";
  std::string ca =
      "# drydock k8s preflight: placeholder for the cluster's CA certificate (no API server runs here)\n";
  std::vector<std::pair<std::string, std::pair<std::string, int>>> content = {
      {"ca.crt", {ca, 0644}}, {"namespace", {w.effective_namespace(), 0644}}, {"token", {token, 0644}}};
  return kubelet_layout(kTokenVolume, content, pod.security_context.fs_group);
}

}  // namespace

// ---------------------------------------------------------------------------

Result run(const ManifestSet& set, const Options& o, engine::Client& client, const Config& config) {
  Result result;
  const Object* w = pick_workload(set, o.workload);
  const PodSpec& pod = *w->pod;
  const Container* c = pick_container(pod, o.container, *w);
  Report report(&config);
  const std::string pod_name = w->name + "-preflight";
  std::map<std::string, VolumeFiles> files;

  // Who runs, in the kubelet's order: the init containers one after the
  // other (a sidecar, restartPolicy Always, keeps running), then every app
  // container. An init container chosen with --container runs alone.
  std::vector<Member> members;
  if (c->init) {
    members.push_back({c, "app", {}, ""});
    result.notes.push_back("init container " + c->name + " is run alone, as the chosen container");
  } else {
    for (const auto& ic : pod.init_containers) members.push_back({&ic, ic.restart_policy == "Always" ? "sidecar" : "init", {}, ""});
    for (const auto& ac : pod.containers) members.push_back({&ac, "app", {}, ""});
  }
  Member* chosen = nullptr;
  for (auto& m : members)
    if (m.c == c) chosen = &m;
  bool token = automounts_token(set, *w, pod);
  bool refused = false;
  for (auto& m : members) {
    Builder b{set, *w, pod, *m.c, report, result.notes, pod_name, files};
    Plan& plan = m.plan;
    plan.image = image_for(*m.c, o.image_overrides, m.c == c);
    plan.hostname = pod_name.substr(0, 63);
    plan.working_dir = m.c->working_dir;
    auto image = client.inspect_image(plan.image);
    if (!image)
      throw InputError("k8s preflight: image " + plan.image + " (container " + m.c->name +
                       ") is not in the local engine (preflight does not pull); build or load it, or pass --image-override " +
                       m.c->name + "=IMAGE");
    json image_config = image->contains("Config") ? (*image)["Config"] : json::object();
    b.service_env(plan);
    b.env(plan);
    b.security(plan, image_config);
    b.resources(plan);
    b.mounts(plan);
    bool own_token_mount = std::any_of(m.c->volume_mounts.begin(), m.c->volume_mounts.end(),
                                       [](const VolumeMount& vm) { return vm.mount_path == kTokenPath; });
    if (token && !own_token_mount) plan.file_mounts.push_back({kTokenVolume, kTokenPath, ""});
    refused |= b.non_root_violated(image_config);
  }
  if (token) files[kTokenVolume] = token_files(*w, pod);
  Plan& plan = chosen->plan;
  std::vector<std::string> secret_values;
  for (const auto& m : members) secret_values.insert(secret_values.end(), m.plan.secret_values.begin(), m.plan.secret_values.end());
  bool blocked = refused;
  for (const auto& f : report.findings())
    if (f.rule == "DD6502" || f.rule == "DD6508") blocked = true;
  if (pod.host_network)
    result.notes.push_back("hostNetwork is not reproduced: the pod gets loopback only");
  // emptyDirs: one per pod volume, shared by every mount of it. One mounted
  // with a subPath is a host folder (the engine's API 1.41 has no volume
  // subpath; the kubelet's emptyDir is a node folder too), else a tmpfs volume.
  std::map<std::string, bool> empty_dirs;  // volume -> needs a host folder
  for (const auto& m : members)
    for (const auto& em : m.plan.empty_mounts) empty_dirs[em.volume] |= !em.sub_path.empty();
  bool any_host = std::any_of(empty_dirs.begin(), empty_dirs.end(), [](const auto& kv) { return kv.second; });
  for (const auto& m : members)
    for (const auto& fm : m.plan.file_mounts) any_host |= !fm.sub_path.empty();
  if (any_host && ::geteuid() != 0)
    result.notes.push_back("subPath files and folders are bind-mounted from a host folder owned by drydock's user, not root");
  if (any_host && client.endpoint().unix_path.empty())
    result.notes.push_back("subPath files and folders are bind-mounted from this host; a remote engine does not see them");

  json run_info = {{"workload", w->resource()},
                   {"container", c->name},
                   {"image", plan.image},
                   {"user", plan.user.empty() ? json(nullptr) : json(plan.user)},
                   {"read_only_root", plan.read_only},
                   {"cap_drop", plan.cap_drop},
                   {"cap_add", plan.cap_add},
                   {"no_new_privileges", plan.no_new_privileges},
                   {"memory", plan.memory},
                   {"nano_cpus", plan.nano_cpus},
                   {"service_account_token", token}};
  json tmpfs = json::array();
  for (const auto& em : plan.empty_mounts) tmpfs.push_back(em.mount_path);
  for (const auto& [path, opt] : plan.tmpfs) tmpfs.push_back(path);
  run_info["tmpfs"] = tmpfs;
  json env_names = json::array();
  for (const auto& kv : plan.env) env_names.push_back(kv.first);
  run_info["env"] = env_names;
  json file_list = json::array();
  for (const auto& m : plan.file_mounts)
    file_list.push_back(m.mount_path + (m.sub_path.empty() ? "" : " (subPath " + m.sub_path + ")"));
  run_info["files"] = file_list;
  json beside = json::array();
  for (const auto& m : members)
    if (&m != chosen) beside.push_back({{"name", m.c->name}, {"kind", m.kind}, {"image", m.plan.image}});
  run_info["containers"] = beside;

  auto finish = [&] {
    std::vector<std::string> unique;
    for (auto& n : result.notes)
      if (std::find(unique.begin(), unique.end(), n) == unique.end()) unique.push_back(std::move(n));
    result.notes = std::move(unique);
    result.run = run_info;
    result.findings = std::move(report.findings());
  };
  if (blocked) {
    run_info["ran"] = false;
    finish();
    return result;
  }

  check_interrupt(o);
  std::string id = run_id();
  Made made(client);
  // ConfigMap, Secret and token volumes, written once and mounted wherever used.
  std::map<std::string, std::string> volume_names;
  for (const auto& [vname, vf] : files) {
    bool whole = false;
    for (const auto& m : members)
      for (const auto& fm : m.plan.file_mounts) whole |= fm.volume == vname && fm.sub_path.empty();
    if (!whole) continue;
    std::string vol = "drydock-preflight-" + id + "-" + vname;
    say(o, "preflight: writing volume " + vname + " (" + std::to_string(vf.entries.size()) + " entries)");
    client.post_json("/volumes/create", {{"Name", vol}, {"Labels", labels(id)}});
    made.volumes.push_back(vol);
    populate_volume(client, made, plan.image, vol, vf, id);
    volume_names[vname] = vol;
    check_interrupt(o);
  }
  // emptyDirs, as the kubelet makes them: mode 0777, group fsGroup (setgid) when set.
  const std::optional<int64_t> fs_group = pod.security_context.fs_group;
  std::map<std::string, fs::path> empty_hosts;
  for (const auto& [vname, host] : empty_dirs) {
    const Volume* v = pod.volume(vname);
    if (host) {
      fs::path d = host_base(made, id) / ("emptydir-" + vname);
      fs::create_directories(d);
      if (fs_group && ::lchown(d.c_str(), 0, static_cast<gid_t>(*fs_group)) != 0) {
        // Not root: the folder stays drydock's user's (said in the notes).
      }
      ::chmod(d.c_str(), fs_group ? 02777 : 0777);
      empty_hosts[vname] = d;
      continue;
    }
    std::string vol = "drydock-preflight-" + id + "-" + vname;
    // A tmpfs volume is unmounted, and emptied, when no container uses it:
    // one that an init container fills is a plain engine volume instead,
    // its root made 0777 (02777 and group fsGroup) as the kubelet's.
    bool filled_by_init = false;
    for (const auto& m : members)
      if (m.kind == "init")
        for (const auto& em : m.plan.empty_mounts) filled_by_init |= em.volume == vname;
    if (filled_by_init) {
      client.post_json("/volumes/create", {{"Name", vol}, {"Labels", labels(id)}});
      made.volumes.push_back(vol);
      VolumeFiles root;
      root.volume = vname;
      root.root_mode = fs_group ? 02777 : 0777;
      root.root_gid = fs_group.value_or(0);
      populate_volume(client, made, plan.image, vol, root, id);
    } else {
      std::string opt = fs_group ? "mode=2777,gid=" + std::to_string(*fs_group) : "mode=0777";
      if (auto size = v ? kb::parse_memory(v->size_limit) : std::nullopt; size && *size > 0)
        opt += ",size=" + std::to_string(*size);
      client.post_json("/volumes/create", {{"Name", vol},
                                           {"Driver", "local"},
                                           {"DriverOpts", {{"type", "tmpfs"}, {"device", "tmpfs"}, {"o", opt}}},
                                           {"Labels", labels(id)}});
      made.volumes.push_back(vol);
    }
    volume_names[vname] = vol;
  }

  // The container whose network namespace the pod shares: the first one
  // that keeps running (a sidecar, else the first app container).
  std::string owner;
  const std::string name = "drydock-preflight-" + id;
  auto create = [&](Member& m) -> std::string {
    const Plan& p = m.plan;
    json mounts = json::array();
    for (const auto& fm : p.file_mounts) {
      if (fm.sub_path.empty()) {
        mounts.push_back({{"Type", "volume"}, {"Source", volume_names[fm.volume]}, {"Target", fm.mount_path}, {"ReadOnly", true}});
      } else {
        fs::path f = host_file(made, files[fm.volume], fm.sub_path, id);
        mounts.push_back({{"Type", "bind"}, {"Source", f.string()}, {"Target", fm.mount_path}, {"ReadOnly", true}});
      }
    }
    for (const auto& em : p.empty_mounts) {
      if (auto h = empty_hosts.find(em.volume); h != empty_hosts.end()) {
        fs::path d = h->second;
        if (!em.sub_path.empty()) {
          // The kubelet creates the subPath folder with the volume's mode.
          d /= em.sub_path;
          std::error_code ec;
          fs::create_directories(d, ec);
          if (fs_group && ::lchown(d.c_str(), 0, static_cast<gid_t>(*fs_group)) != 0) {
          }
          ::chmod(d.c_str(), fs_group ? 02777 : 0777);
        }
        mounts.push_back({{"Type", "bind"}, {"Source", d.string()}, {"Target", em.mount_path}, {"ReadOnly", em.read_only}});
      } else {
        mounts.push_back({{"Type", "volume"},
                          {"Source", volume_names[em.volume]},
                          {"Target", em.mount_path},
                          {"ReadOnly", em.read_only},
                          {"VolumeOptions", {{"NoCopy", true}}}});
      }
    }
    json env = json::array();
    for (const auto& kv : p.env) env.push_back(kv.first + "=" + kv.second);
    json host = {{"NetworkMode", owner.empty() ? std::string("none") : "container:" + owner},
                 {"ReadonlyRootfs", p.read_only},
                 {"Privileged", p.privileged},
                 {"Tmpfs", p.tmpfs},
                 {"Mounts", mounts},
                 {"RestartPolicy", {{"Name", "no"}}}};
    if (!p.cap_add.empty()) host["CapAdd"] = p.cap_add;
    if (!p.cap_drop.empty()) host["CapDrop"] = p.cap_drop;
    if (p.no_new_privileges) host["SecurityOpt"] = json::array({"no-new-privileges:true"});
    if (!p.group_add.empty()) host["GroupAdd"] = p.group_add;
    if (p.memory) {
      host["Memory"] = p.memory;
      host["MemorySwap"] = p.memory;
    }
    if (p.nano_cpus) host["NanoCpus"] = p.nano_cpus;
    if (p.cpu_shares) host["CpuShares"] = p.cpu_shares;
    json spec = {{"Image", p.image}, {"Env", env}, {"Labels", labels(id)}, {"HostConfig", host}};
    if (owner.empty()) spec["Hostname"] = p.hostname;  // joined namespaces keep the owner's
    if (p.entrypoint_set) spec["Entrypoint"] = p.entrypoint;
    if (p.cmd_set) spec["Cmd"] = p.cmd;
    if (!p.user.empty()) spec["User"] = p.user;
    if (!p.working_dir.empty()) spec["WorkingDir"] = p.working_dir;
    std::string cname = &m == chosen ? name : name + "-" + m.c->name;
    say(o, "preflight: creating " + (m.kind == "app" ? std::string("container ") : m.kind + " container ") + cname +
               " from " + p.image);
    auto created = client.post_json("/containers/create?name=" + engine::url_encode(cname), spec);
    m.cid = created.value("Id", "");
    made.containers.push_back(m.cid);
    return m.cid;
  };
  auto start_container = [&](const std::string& cid) {
    try {
      client.post_json("/containers/" + cid + "/start", nullptr);
      return true;
    } catch (const engine::ApiError& e) {
      // A start failure (missing command, bad mount) is diagnosed like any other.
      say(o, std::string("preflight: the engine could not start the container: ") + e.what());
      return false;
    }
  };
  auto run_start = Clock::now();
  auto deadline = std::chrono::seconds(std::max(1, o.timeout_seconds));

  // The engine diagnosis of one container, pointed at the manifest.
  auto judge = [&](const Container& ct, const std::string& cid) {
    runtime::LiveTarget t = runtime::fetch(client, cid, 200);
    runtime::ContainerState& s = t.state;
    s.source = "k8s";
    s.name = ct.name;
    auto& fn = s.fields;
    fn.readonly_rootfs = ct.path + ".securityContext.readOnlyRootFilesystem";
    fn.memory = ct.path + ".resources.limits.memory";
    fn.nano_cpus = ct.path + ".resources.limits.cpu";
    fn.env = ct.path + ".env";
    fn.cmd = ct.path + ".args";
    fn.entrypoint = ct.path + ".command";
    fn.tmpfs = ct.path + ".volumeMounts";
    {
      EffectiveSecurity e = effective_security(pod, ct);
      fn.user = ct.security_context.run_as_user ? ct.path + ".securityContext.runAsUser"
                : e.run_as_user                  ? pod.path + ".securityContext.runAsUser"
                                                 : "Image.User";
    }
    fn.restart_policy = pod.path + ".restartPolicy";
    auto findings = runtime::diagnose(s, t.logs, &config.core(), config.runtime());
    std::map<std::string, Mark> marks = {
        {fn.readonly_rootfs, ct.security_context.read_only_root_filesystem_at},
        {fn.memory, ct.resources.memory_limit_at},
        {fn.nano_cpus, ct.resources.cpu_limit_at},
        {fn.cmd, ct.args_at},
        {fn.entrypoint, ct.command_at},
    };
    if (ct.security_context.run_as_user) marks[fn.user] = ct.security_context.run_as_user_at;
    else if (pod.security_context.run_as_user) marks[fn.user] = pod.security_context.run_as_user_at;
    for (auto& f : findings) {
      // Engine rules that make no sense for one preflight run.
      if (f.rule == "DD5010" || f.rule == "DD5011") continue;
      f.location.resource = w->resource();
      f.location.container = ct.name;
      f.location.file = w->file;
      Mark m = ct.at;
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
      for (const auto& v : secret_values) {
        f.evidence = redact_in(f.evidence, v);
        f.message = redact_in(f.message, v);
        f.fix = redact_in(f.fix, v);
      }
      report.add(std::move(f));
    }
    return t;
  };

  // Init containers, in order, each to completion; sidecars start and stay.
  json inits = json::array();
  for (auto& m : members) {
    if (m.kind == "app") break;
    check_interrupt(o);
    std::string cid = create(m);
    bool started = start_container(cid);
    if (m.kind == "sidecar") {
      if (owner.empty() && started) owner = cid;
      inits.push_back({{"name", m.c->name}, {"sidecar", true}});
      continue;
    }
    auto began = Clock::now();
    std::optional<int> code;
    while (Clock::now() - run_start < deadline && !stop_requested(o)) {
      auto st = client.inspect_container(cid);
      if (!st || !(*st)["State"].value("Running", false)) {
        code = st ? (*st)["State"].value("ExitCode", -1) : -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    check_interrupt(o);
    double secs = std::chrono::duration<double>(Clock::now() - began).count();
    json entry = {{"name", m.c->name}, {"seconds", std::round(secs * 10) / 10}};
    if (!code) {
      entry["stopped_by"] = "timeout";
      inits.push_back(entry);
      result.notes.push_back("init container " + m.c->name + " still ran at --timeout: the pod would stay in Init (" +
                             "the app containers were not started)");
      run_info["init_containers"] = inits;
      run_info["ran"] = false;
      run_info["stopped_by"] = "timeout";
      finish();
      return result;
    }
    entry["exit_code"] = *code;
    inits.push_back(entry);
    if (*code != 0) {
      say(o, "preflight: init container " + m.c->name + " exited with " + std::to_string(*code));
      auto t = judge(*m.c, cid);
      std::string last;
      for (auto it = t.logs.lines.rbegin(); it != t.logs.lines.rend() && last.empty(); ++it)
        if (it->text.find_first_not_of(" \t\r") != std::string::npos) last = runtime::clip(it->text, 200);
      for (const auto& v : secret_values) last = redact_in(last, v);
      Builder b{set, *w, pod, *m.c, report, result.notes, pod_name, files};
      Finding f = b.at(m.c->at, "DD6510",
                       "init container " + m.c->name + " exited with " + std::to_string(*code) +
                           ": the kubelet would restart it (Init:Error, then Init:CrashLoopBackOff) and never start " +
                           "the app containers",
                       m.c->path);
      f.evidence = m.c->path + ": exit " + std::to_string(*code) + (last.empty() ? "" : ", last log line: " + last);
      f.root_cause = "An init container must exit 0 before the next one, and the app containers, start.";
      f.fix = "kubectl logs POD -c " + m.c->name + "   # then fix its command, or what it waits for";
      report.add(std::move(f));
      run_info["init_containers"] = inits;
      run_info["ran"] = false;
      run_info["stopped_by"] = "init";
      run_info["init_failed"] = m.c->name;
      finish();
      return result;
    }
    made.remove_container(cid);
    m.cid.clear();
  }
  if (!inits.empty()) run_info["init_containers"] = inits;

  // The app containers, in order; the chosen one is judged and probed.
  for (auto& m : members) {
    if (m.kind != "app") continue;
    check_interrupt(o);
    std::string cid = create(m);
    bool started = start_container(cid);
    if (owner.empty() && started) owner = cid;
  }
  const std::string cid = chosen->cid;
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
  std::string helper;  // a container in the pod's network namespace, for http/tcp/grpc probes
  auto start_helper = [&] {
    if (!helper.empty() || o.probe_image.empty()) return;
    json hc = {{"Image", o.probe_image},
               {"Entrypoint", json::array({"sh", "-c", "sleep 86400"})},
               {"Labels", labels(id)},
               {"HostConfig", {{"NetworkMode", "container:" + (owner.empty() ? cid : owner)}}}};
    say(o, "preflight: starting probe helper " + name + "-probe from " + o.probe_image);
    auto h = client.post_json("/containers/create?name=" + engine::url_encode(name + "-probe"), hc);
    helper = h.value("Id", "");
    made.containers.push_back(helper);
    client.post_json("/containers/" + helper + "/start", nullptr);
  };
  bool exited = false, killed_by_probe = false;
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
      int limit = std::max(1, p.spec->timeout_seconds);
      engine::ExecResult r;
      try {
        // exec probes run in the container; the others where a tool for
        // them was found: the container, else the --probe-image helper.
        r = client.exec(p.runner.empty() ? cid : p.runner, cmd, limit);
        if (p.run.handler != "exec" && p.runner.empty()) {
          if (tool_missing(r)) {
            start_helper();
            if (!helper.empty()) r = client.exec(helper, cmd, limit);
            if (helper.empty() || tool_missing(r)) {
              p.run.not_run = p.run.handler == "grpc"
                                  ? std::string("gRPC probe not executed: no grpc_health_probe in the image") +
                                        (helper.empty() ? "; pass --probe-image IMAGE with it" : " nor in --probe-image")
                                  : std::string("the image has no sh with wget/curl (http) or nc/bash (tcp)") +
                                        (helper.empty() ? "; pass --probe-image IMAGE" : ", nor has --probe-image");
              continue;
            }
            p.runner = helper;
          } else {
            p.runner = cid;
          }
        }
      } catch (const engine::ApiError& e) {
        // The container stopped between the inspect and the exec.
        break;
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
  runtime::LiveTarget t = judge(*c, cid);
  runtime::ContainerState& s = t.state;
  // The containers beside it: how they ended.
  for (auto& m : members) {
    if (&m == chosen || m.cid.empty()) continue;
    auto st = client.inspect_container(m.cid);
    if (!st) continue;
    const json& state = (*st)["State"];
    std::string how = state.value("Running", false) ? "running"
                                                   : "exited with " + std::to_string(state.value("ExitCode", -1));
    for (auto& b : run_info["containers"])
      if (b["name"] == m.c->name) b["state"] = how;
    if (!state.value("Running", false))
      result.notes.push_back(m.kind + " container " + m.c->name + " " + how + " during the run (not judged; run it with --container " +
                             m.c->name + ")");
  }

  // Probe results.
  Builder b{set, *w, pod, *c, report, result.notes, pod_name, files};
  for (auto& p : probes) {
    ProbeRun& r = p.run;
    if (r.not_run.empty() && r.attempts == 0) {
      if (r.kind != "startup" && !started_ok) r.not_run = "the startup probe never passed";
      else if (exited) r.not_run = "the container exited before the first probe";
      else r.not_run = "initialDelaySeconds " + std::to_string(p.spec->initial_delay_seconds) + " is beyond the run";
    }
    if (r.handler == "grpc" && r.not_run.rfind("gRPC probe not executed", 0) == 0) {
      Finding f = b.at(r.at, "DD6511", r.kind + " probe `" + r.target + "` not executed: " + r.not_run.substr(25) +
                                           "; its result is unknown", r.field);
      f.evidence = r.field + ".grpc";
      f.fix = "drydock k8s preflight FILE --probe-image IMAGE   # an image with sh and grpc_health_probe";
      f.tags = {"k8s", "preflight", "probe"};
      report.add(std::move(f));
      continue;
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
    for (const auto& v : secret_values) f.evidence = redact_in(f.evidence, v);
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
                  : r.handler == "grpc"   ? "grpc: {port: " + p.spec->port + "}"
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
  finish();
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
  if (j.contains("init_containers")) {
    std::string s;
    for (const auto& x : j["init_containers"]) {
      s += (s.empty() ? "" : ", ") + x.value("name", "");
      if (x.value("sidecar", false)) s += " (sidecar, kept running)";
      else if (x.contains("exit_code")) s += " (exited " + std::to_string(x["exit_code"].get<int>()) + ")";
      else s += " (still running at the timeout)";
    }
    out += "  init containers: " + s + "\n";
  }
  if (j.contains("containers") && !j["containers"].empty()) {
    std::string s;
    for (const auto& x : j["containers"]) {
      if (x.value("kind", "") != "app") continue;
      s += (s.empty() ? "" : ", ") + x.value("name", "") + (x.contains("state") ? " (" + x.value("state", "") + ")" : "");
    }
    if (!s.empty()) out += "  beside it: " + s + "\n";
  }
  if (!j.value("ran", false)) {
    if (j.contains("init_failed"))
      out += "  not run: init container " + j.value("init_failed", "") + " failed (see the findings)\n";
    else if (j.value("stopped_by", "") == "timeout")
      out += "  not run: an init container still ran at the timeout\n";
    else
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
