// `kubectl get pod -o json|yaml` -> Pod, and Pod -> runtime::ContainerState.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "k8s/pod/pod.h"
#include "knowledge/quantity.h"

namespace dd::k8s::pod {
namespace {

using nlohmann::json;

const json* member(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string str(const json& j, const char* key) {
  const json* v = member(j, key);
  if (!v) return {};
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number_integer()) return std::to_string(v->get<int64_t>());
  if (v->is_number()) return v->dump();
  if (v->is_boolean()) return v->get<bool>() ? "true" : "false";
  return {};
}

std::optional<int64_t> integer(const json& j, const char* key) {
  const json* v = member(j, key);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) return v->get<int64_t>();
  if (v->is_number()) return static_cast<int64_t>(v->get<double>());
  if (v->is_string()) {
    const std::string& s = v->get_ref<const std::string&>();
    if (!s.empty() && s.size() < 12 && std::all_of(s.begin() + (s[0] == '-'), s.end(), ::isdigit) && s != "-")
      return std::stoll(s);
  }
  return std::nullopt;
}

std::optional<bool> boolean(const json& j, const char* key) {
  const json* v = member(j, key);
  if (v && v->is_boolean()) return v->get<bool>();
  if (v && v->is_string()) {
    if (*v == "true") return true;
    if (*v == "false") return false;
  }
  return std::nullopt;
}

const json& empty_object() {
  static const json e = json::object();
  return e;
}

const json& obj(const json& j, const char* key) {
  const json* v = member(j, key);
  return v && v->is_object() ? *v : empty_object();
}

const json& arr(const json& j, const char* key) {
  static const json e = json::array();
  const json* v = member(j, key);
  return v && v->is_array() ? *v : e;
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  for (const auto& e : arr(j, key))
    if (e.is_string()) out.push_back(e.get<std::string>());
    else if (e.is_number()) out.push_back(e.dump());
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

void read_probe(Container& c, const json& spec, const char* key, const char* kind, const std::string& path) {
  const json* p = member(spec, key);
  if (!p || !p->is_object()) return;
  Probe pr;
  pr.kind = kind;
  pr.field = path + "." + key;
  pr.initial_delay = static_cast<int>(integer(*p, "initialDelaySeconds").value_or(0));
  pr.period = static_cast<int>(integer(*p, "periodSeconds").value_or(10));
  pr.timeout = static_cast<int>(integer(*p, "timeoutSeconds").value_or(1));
  pr.failure_threshold = static_cast<int>(integer(*p, "failureThreshold").value_or(3));
  if (const json* h = member(*p, "httpGet")) {
    pr.handler = "http-get";
    pr.port = str(*h, "port");
    pr.path = str(*h, "path");
    pr.text = "http-get " + std::string(str(*h, "scheme") == "HTTPS" ? "https" : "http") + "://:" + pr.port + pr.path;
  } else if (const json* t = member(*p, "tcpSocket")) {
    pr.handler = "tcp-socket";
    pr.port = str(*t, "port");
    pr.text = "tcp-socket :" + pr.port;
  } else if (const json* g = member(*p, "grpc")) {
    pr.handler = "grpc";
    pr.port = str(*g, "port");
    pr.text = "grpc <pod>:" + pr.port;
  } else if (const json* e = member(*p, "exec")) {
    pr.handler = "exec";
    pr.text = "exec [" + join(strings(*e, "command")) + "]";
  }
  c.probes.push_back(std::move(pr));
}

ContainerStatusInfo read_state(const json& st, const std::string& path) {
  ContainerStatusInfo out;
  for (const char* k : {"waiting", "running", "terminated"}) {
    const json* s = member(st, k);
    if (!s || !s->is_object()) continue;
    out.state = k;
    out.path = path + "." + k;
    out.reason = str(*s, "reason");
    out.message = str(*s, "message");
    if (auto e = integer(*s, "exitCode")) out.exit_code = static_cast<int>(*e);
    out.started_at = str(*s, "startedAt");
    out.finished_at = str(*s, "finishedAt");
    break;
  }
  return out;
}

Container read_container(const json& spec, int index, bool init) {
  Container c;
  c.init = init;
  c.index = index;
  c.name = str(spec, "name");
  c.spec_path = std::string(init ? "spec.initContainers[" : "spec.containers[") + std::to_string(index) + "]";
  c.image = str(spec, "image");
  for (const auto& p : arr(spec, "ports")) {
    auto n = integer(p, "containerPort");
    if (!n) continue;
    std::string proto = str(p, "protocol");
    c.ports.push_back(std::to_string(*n) + "/" + (proto.empty() ? "TCP" : proto));
  }
  const json& res = obj(spec, "resources");
  c.memory_limit_text = str(obj(res, "limits"), "memory");
  c.cpu_limit_text = str(obj(res, "limits"), "cpu");
  c.memory_request_text = str(obj(res, "requests"), "memory");
  c.cpu_request_text = str(obj(res, "requests"), "cpu");
  int i = 0;
  for (const auto& e : arr(spec, "env")) {
    std::string path = c.spec_path + ".env[" + std::to_string(i++) + "]";
    const json* vf = member(e, "valueFrom");
    if (!vf || !vf->is_object()) continue;
    EnvRef r;
    r.var = str(e, "name");
    if (const json* k = member(*vf, "configMapKeyRef")) {
      r.kind = "configMap";
      r.object = str(*k, "name");
      r.key = str(*k, "key");
      r.optional = boolean(*k, "optional").value_or(false);
      r.field = path + ".valueFrom.configMapKeyRef";
    } else if (const json* k = member(*vf, "secretKeyRef")) {
      r.kind = "secret";
      r.object = str(*k, "name");
      r.key = str(*k, "key");
      r.optional = boolean(*k, "optional").value_or(false);
      r.field = path + ".valueFrom.secretKeyRef";
    } else if (const json* k = member(*vf, "fieldRef")) {
      r.kind = "field";
      r.key = str(*k, "fieldPath");
      r.field = path + ".valueFrom.fieldRef";
    } else if (const json* k = member(*vf, "resourceFieldRef")) {
      r.kind = "resourceField";
      r.key = str(*k, "resource");
      r.field = path + ".valueFrom.resourceFieldRef";
    } else {
      continue;
    }
    c.refs.push_back(std::move(r));
  }
  i = 0;
  for (const auto& e : arr(spec, "envFrom")) {
    std::string path = c.spec_path + ".envFrom[" + std::to_string(i++) + "]";
    EnvRef r;
    if (const json* k = member(e, "configMapRef")) {
      r.kind = "configMap";
      r.object = str(*k, "name");
      r.optional = boolean(*k, "optional").value_or(false);
      r.field = path + ".configMapRef";
    } else if (const json* k = member(e, "secretRef")) {
      r.kind = "secret";
      r.object = str(*k, "name");
      r.optional = boolean(*k, "optional").value_or(false);
      r.field = path + ".secretRef";
    } else {
      continue;
    }
    c.refs.push_back(std::move(r));
  }
  read_probe(c, spec, "livenessProbe", "liveness", c.spec_path);
  read_probe(c, spec, "readinessProbe", "readiness", c.spec_path);
  read_probe(c, spec, "startupProbe", "startup", c.spec_path);
  // The runtime model: what the container was asked to run.
  runtime::ContainerState& s = c.state;
  s.source = "k8s";
  s.name = c.name;
  s.image = c.image;
  s.entrypoint = strings(spec, "command");
  s.cmd = strings(spec, "args");
  s.working_dir = str(spec, "workingDir");
  s.tty = boolean(spec, "tty").value_or(false);
  for (const auto& p : c.ports) {
    std::string lower = p;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    s.exposed_ports.push_back(lower);
  }
  i = 0;
  for (const auto& e : arr(spec, "env")) {
    ++i;
    std::string name = str(e, "name");
    if (name.empty()) continue;
    if (member(e, "value") || !member(e, "valueFrom")) {
      s.env.push_back(name + "=" + str(e, "value"));
      continue;
    }
    for (const auto& r : c.refs)
      if (r.var == name) {
        // Set, with a value the pod JSON does not show.
        std::string where = r.kind == "configMap" ? "<from configmap " + r.object + " key " + r.key + ">"
                            : r.kind == "secret"  ? "<from secret " + r.object + " key " + r.key + ">"
                                                  : "<from " + r.key + ">";
        s.env.push_back(name + "=" + where);
        break;
      }
  }
  if (auto m = kb::parse_memory(c.memory_limit_text)) s.memory_limit = *m;
  if (auto cpu = kb::parse_cpu(c.cpu_limit_text)) s.nano_cpus = static_cast<int64_t>(std::llround(*cpu * 1e9));
  const json& sc = obj(spec, "securityContext");
  s.readonly_rootfs = boolean(sc, "readOnlyRootFilesystem").value_or(false);
  if (auto u = integer(sc, "runAsUser")) {
    s.user = std::to_string(*u);
    s.fields.user = c.spec_path + ".securityContext.runAsUser";
    if (auto g = integer(sc, "runAsGroup")) s.user += ":" + std::to_string(*g);
  }
  for (const auto& m : arr(spec, "volumeMounts")) {
    runtime::Mount mt;
    mt.source = str(m, "name");
    mt.destination = str(m, "mountPath");
    mt.rw = !boolean(m, "readOnly").value_or(false);
    s.mounts.push_back(std::move(mt));
  }
  return c;
}

}  // namespace

std::vector<nlohmann::json> yaml_documents(std::string_view text, const std::string& file);

namespace {

Pod read_pod(const json& j, const std::string& file) {
  Pod p;
  p.file = file;
  const json& md = obj(j, "metadata");
  p.name = str(md, "name");
  if (auto ns = str(md, "namespace"); !ns.empty()) p.namespace_ = ns;
  for (const auto& o : arr(md, "ownerReferences"))
    if (boolean(o, "controller").value_or(false) || p.owner_kind.empty()) {
      p.owner_kind = str(o, "kind");
      p.owner_name = str(o, "name");
    }
  const json& spec = obj(j, "spec");
  p.has_spec = member(j, "spec") != nullptr;
  if (auto rp = str(spec, "restartPolicy"); !rp.empty()) p.restart_policy = rp;
  p.node = str(spec, "nodeName");
  int i = 0;
  for (const auto& v : arr(spec, "volumes")) {
    Volume vol;
    vol.name = str(v, "name");
    std::string path = "spec.volumes[" + std::to_string(i++) + "]";
    for (const char* k : {"configMap", "secret", "persistentVolumeClaim", "emptyDir", "hostPath", "projected"}) {
      const json* src = member(v, k);
      if (!src) continue;
      vol.kind = k;
      vol.field = path + "." + k;
      vol.object = std::string(k) == "configMap" ? str(*src, "name")
                   : std::string(k) == "secret"  ? str(*src, "secretName")
                   : std::string(k) == "persistentVolumeClaim" ? str(*src, "claimName")
                                                               : "";
      if (std::string(k) == "emptyDir" && str(*src, "medium") == "Memory") vol.kind = "emptyDir(Memory)";
      break;
    }
    p.volumes.push_back(std::move(vol));
  }
  const json& psc = obj(spec, "securityContext");
  i = 0;
  for (const auto& c : arr(spec, "initContainers")) p.containers.push_back(read_container(c, i++, true));
  i = 0;
  for (const auto& c : arr(spec, "containers")) p.containers.push_back(read_container(c, i++, false));
  for (auto& c : p.containers) {
    if (c.state.user.empty())
      if (auto u = integer(psc, "runAsUser")) {
        c.state.user = std::to_string(*u);
        c.state.fields.user = "spec.securityContext.runAsUser";
      }
    for (auto& m : c.state.mounts)
      for (const auto& v : p.volumes)
        if (v.name == m.source) {
          m.type = v.kind;
          if (v.kind == "emptyDir(Memory)") c.state.tmpfs[m.destination] = "";
        }
  }
  const json& st = obj(j, "status");
  p.phase = str(st, "phase");
  p.reason = str(st, "reason");
  p.message = str(st, "message");
  for (const auto& c : arr(st, "conditions"))
    p.conditions.push_back({str(c, "type"), str(c, "status"), str(c, "reason"), str(c, "message")});
  for (const char* list : {"initContainerStatuses", "containerStatuses"}) {
    int k = 0;
    for (const auto& cs : arr(st, list)) {
      std::string path = "status." + std::string(list) + "[" + std::to_string(k++) + "]";
      std::string name = str(cs, "name");
      bool init = std::string(list) == "initContainerStatuses";
      Container* c = nullptr;
      for (auto& x : p.containers)
        if (x.name == name && x.init == init) c = &x;
      if (!c) {
        Container fresh;
        fresh.name = name;
        fresh.init = init;
        fresh.state.source = "k8s";
        fresh.state.name = name;
        fresh.spec_path = std::string(init ? "spec.initContainers" : "spec.containers") + "[?]";
        p.containers.push_back(std::move(fresh));
        c = &p.containers.back();
      }
      c->has_status = true;
      c->status_path = path;
      c->ready = boolean(cs, "ready").value_or(false);
      c->restart_count = static_cast<int>(integer(cs, "restartCount").value_or(0));
      c->current = read_state(obj(cs, "state"), path + ".state");
      c->last = read_state(obj(cs, "lastState"), path + ".lastState");
      if (c->image.empty()) c->image = str(cs, "image");
      c->state.image_id = str(cs, "imageID");
      c->state.id = str(cs, "containerID");
    }
  }
  return p;
}

}  // namespace

std::vector<Pod> pods_from_json(const json& j, const std::string& file) {
  std::vector<Pod> out;
  if (!j.is_object()) return out;
  std::string kind = str(j, "kind");
  if (kind == "Pod") {
    out.push_back(read_pod(j, file));
  } else if (kind == "List" || kind == "PodList") {
    for (const auto& item : arr(j, "items"))
      if (str(item, "kind") == "Pod" || (kind == "PodList" && item.is_object())) out.push_back(read_pod(item, file));
  }
  return out;
}

std::string Pod::resource() const { return "Pod/" + namespace_ + "/" + name; }

Container* Pod::find_container(std::string_view n) {
  for (auto& c : containers)
    if (c.name == n) return &c;
  return nullptr;
}

// ---- the runtime model ----

void fill_states(Pod& pod) {
  for (auto& c : pod.containers) {
    runtime::ContainerState& s = c.state;
    s.source = "k8s";
    if (s.name.empty()) s.name = c.name;
    if (s.image.empty()) s.image = c.image;
    if (!s.memory_limit)
      if (auto m = kb::parse_memory(c.memory_limit_text)) s.memory_limit = *m;
    if (!s.nano_cpus)
      if (auto cpu = kb::parse_cpu(c.cpu_limit_text)) s.nano_cpus = static_cast<int64_t>(std::llround(*cpu * 1e9));
    s.restart_count = c.restart_count;
    s.restart_policy = pod.restart_policy;
    auto& fn = s.fields;
    const std::string& sp = c.spec_path;
    const std::string st = c.status_path.empty() ? "status.containerStatuses[?]" : c.status_path;
    fn.memory = sp + ".resources.limits.memory";
    fn.nano_cpus = sp + ".resources.limits.cpu";
    fn.readonly_rootfs = sp + ".securityContext.readOnlyRootFilesystem";
    fn.tmpfs = sp + ".volumeMounts";
    fn.restart_policy = "spec.restartPolicy";
    fn.restart_count = st + ".restartCount";
    fn.env = sp + ".env";
    fn.cmd = s.entrypoint.empty() ? sp + ".args" : sp + ".command";
    fn.entrypoint = sp + ".command";
    if (fn.user == "Config.User") fn.user = sp + ".securityContext.runAsUser";
    fn.healthcheck = sp + ".livenessProbe";
    fn.exposed_ports = sp + ".ports";
    fn.image_arch = "Image.Architecture";
    fn.logs = "logs";
    fn.health = st + ".ready";
    // The run the diagnosis judges: the current one when it ended, else the
    // last one (a container waiting in CrashLoopBackOff, or running again
    // after a restart).
    const ContainerStatusInfo* run = nullptr;
    if (c.current.state == "terminated") run = &c.current;
    else if (c.last.state == "terminated") run = &c.last;
    if (run) {
      s.status = "exited";
      s.running = false;
      s.restarting = c.current.state != "terminated";
      s.exit_code = run->exit_code;
      s.oom_killed = run->reason == "OOMKilled";
      s.error = run->message;
      s.started_at = run->started_at;
      s.finished_at = run->finished_at;
      auto a = runtime::parse_time(s.started_at), b = runtime::parse_time(s.finished_at);
      if (a && b && *b >= *a - 1.0) s.uptime_seconds = std::max(0.0, *b - *a);
      fn.exit_code = run->path + ".exitCode";
      fn.oom_killed = run->path + ".reason";
      fn.oom_killed_true = "OOMKilled";
      fn.oom_killed_false = run->reason.empty() ? "\"\"" : run->reason;
      fn.error = run->path + ".message";
      fn.status = run->path;
      fn.started_at = run->path + ".startedAt";
      fn.finished_at = run->path + ".finishedAt";
    } else if (c.current.state == "running") {
      s.status = "running";
      s.running = true;
      s.started_at = c.current.started_at;
      fn.status = c.current.path;
      fn.started_at = c.current.path + ".startedAt";
    } else if (c.current.state == "waiting") {
      s.status = "created";
      // The runtime's own failure (StartError, CreateContainerError ...) is
      // matched like a log line, as docker's State.Error is.
      s.error = c.current.message;
      fn.error = c.current.path + ".message";
      fn.status = c.current.path + ".reason";
    }
    if (c.current.state == "waiting" && !run) {
      s.error = c.current.message;
      fn.error = c.current.path + ".message";
    }
  }
}

}  // namespace dd::k8s::pod
