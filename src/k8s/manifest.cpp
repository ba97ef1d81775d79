#include "k8s/manifest.h"
#include "core/base64.h"

#include <algorithm>
#include <fstream>
#include <sstream>


#include "core/error.h"
#include "core/yaml.h"

namespace dd::k8s {
namespace {

Mark mark_of(const YAML::Node& n) {
  if (!n) return {};
  auto m = n.Mark();
  if (m.line < 0) return {};
  return {m.line + 1, m.column + 1};
}

std::string scalar(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : std::string(); }

std::optional<bool> boolean(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return std::nullopt;
  const std::string& s = n.Scalar();
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

std::optional<int64_t> integer(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return std::nullopt;
  const std::string& s = n.Scalar();
  if (s.empty() || s.size() > 18) return std::nullopt;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return std::nullopt;
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return s[0] == '-' ? -v : v;
}

// Octal modes are written 0644 in YAML (octal) or 420 in JSON (decimal).
std::optional<int> file_mode(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return std::nullopt;
  const std::string& s = n.Scalar();
  if (s.size() > 1 && s[0] == '0' && s.find_first_not_of("01234567") == std::string::npos) {
    int v = 0;
    for (char c : s.substr(s[1] == 'o' ? 2 : 1)) v = v * 8 + (c - '0');
    return v;
  }
  if (s.rfind("0o", 0) == 0) {
    int v = 0;
    for (char c : s.substr(2)) {
      if (c < '0' || c > '7') return std::nullopt;
      v = v * 8 + (c - '0');
    }
    return v;
  }
  auto i = integer(n);
  if (!i || *i < 0 || *i > 07777) return std::nullopt;
  return static_cast<int>(*i);
}

std::map<std::string, std::string> string_map(const YAML::Node& n) {
  std::map<std::string, std::string> out;
  if (!n || !n.IsMap()) return out;
  for (const auto& kv : n)
    if (kv.first.IsScalar()) out[kv.first.Scalar()] = scalar(kv.second);
  return out;
}

std::vector<std::string> string_list(const YAML::Node& n) {
  std::vector<std::string> out;
  if (!n || !n.IsSequence()) return out;
  for (const auto& e : n)
    if (e.IsScalar()) out.push_back(e.Scalar());
  return out;
}

// The node under `key` of a map, and the mark of the key itself.
YAML::Node child(const YAML::Node& n, const char* key) {
  if (!n || !n.IsMap()) return YAML::Node();
  return n[key];
}

Mark key_mark(const YAML::Node& map, std::string_view key) {
  if (!map || !map.IsMap()) return {};
  for (const auto& kv : map)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return mark_of(kv.first);
  return {};
}


LabelSelector read_selector(const YAML::Node& n) {
  LabelSelector s;
  if (!n || n.IsNull()) return s;
  s.present = true;
  s.at = mark_of(n);
  if (!n.IsMap()) return s;
  s.match_labels = string_map(n["matchLabels"]);
  auto ex = n["matchExpressions"];
  if (ex && ex.IsSequence())
    for (const auto& e : ex) {
      if (!e.IsMap()) continue;
      s.match_expressions.push_back({scalar(e["key"]), scalar(e["operator"]), string_list(e["values"])});
    }
  return s;
}

// A Service's selector is a plain map.
LabelSelector read_plain_selector(const YAML::Node& n) {
  LabelSelector s;
  if (!n || !n.IsMap()) return s;
  s.present = true;
  s.at = mark_of(n);
  s.match_labels = string_map(n);
  return s;
}

SecurityContext read_security(const YAML::Node& n) {
  SecurityContext s;
  if (!n || !n.IsMap()) return s;
  s.present = true;
  s.at = mark_of(n);
  auto take_bool = [&](const char* k, std::optional<bool>& v, Mark& m) {
    if (auto x = n[k]) {
      v = boolean(x);
      m = mark_of(x);
    }
  };
  auto take_int = [&](const char* k, std::optional<int64_t>& v, Mark& m) {
    if (auto x = n[k]) {
      v = integer(x);
      m = mark_of(x);
    }
  };
  take_bool("runAsNonRoot", s.run_as_non_root, s.run_as_non_root_at);
  take_int("runAsUser", s.run_as_user, s.run_as_user_at);
  take_int("runAsGroup", s.run_as_group, s.run_as_group_at);
  take_int("fsGroup", s.fs_group, s.fs_group_at);
  take_bool("privileged", s.privileged, s.privileged_at);
  take_bool("allowPrivilegeEscalation", s.allow_privilege_escalation, s.allow_privilege_escalation_at);
  take_bool("readOnlyRootFilesystem", s.read_only_root_filesystem, s.read_only_root_filesystem_at);
  if (auto caps = n["capabilities"]; caps && caps.IsMap()) {
    s.capabilities_add = string_list(caps["add"]);
    s.capabilities_add_at = mark_of(caps["add"]);
    s.capabilities_drop = string_list(caps["drop"]);
    s.capabilities_drop_at = mark_of(caps["drop"]);
  }
  return s;
}

void canonical_into(const YAML::Node& n, std::string& out) {
  if (!n) return;
  if (n.IsScalar()) {
    out += '"';
    out += n.Scalar();
    out += '"';
  } else if (n.IsSequence()) {
    out += '[';
    for (const auto& e : n) {
      canonical_into(e, out);
      out += ',';
    }
    out += ']';
  } else if (n.IsMap()) {
    std::vector<std::pair<std::string, YAML::Node>> kids;
    for (const auto& kv : n) kids.emplace_back(scalar(kv.first), kv.second);
    std::sort(kids.begin(), kids.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    out += '{';
    for (const auto& [k, v] : kids) {
      out += k;
      out += ':';
      canonical_into(v, out);
      out += ',';
    }
    out += '}';
  }
}

Probe read_probe(const YAML::Node& parent, const char* key) {
  Probe p;
  auto n = child(parent, key);
  if (!n || !n.IsMap()) return p;
  p.present = true;
  p.at = key_mark(parent, key);
  for (const char* h : {"httpGet", "tcpSocket", "grpc", "exec"}) {
    auto hn = n[h];
    if (!hn) continue;
    p.handler = h;
    if (hn.IsMap()) {
      if (auto port = hn["port"]) {
        p.port = scalar(port);
        p.port_at = mark_of(port);
      }
      p.path = scalar(hn["path"]);
      p.host = scalar(hn["host"]);
      p.scheme = scalar(hn["scheme"]);
      p.grpc_service = scalar(hn["service"]);
      if (auto hs = hn["httpHeaders"]; hs && hs.IsSequence())
        for (const auto& h : hs)
          if (h.IsMap()) p.http_headers.emplace_back(scalar(h["name"]), scalar(h["value"]));
      p.command = string_list(hn["command"]);
    }
    break;
  }
  auto num = [&](const char* k, int& v) {
    if (auto x = integer(n[k])) v = static_cast<int>(std::clamp<int64_t>(*x, -1000000, 100000000));
  };
  num("initialDelaySeconds", p.initial_delay_seconds);
  p.initial_delay_at = mark_of(n["initialDelaySeconds"]);
  num("periodSeconds", p.period_seconds);
  num("timeoutSeconds", p.timeout_seconds);
  num("failureThreshold", p.failure_threshold);
  num("successThreshold", p.success_threshold);
  canonical_into(n, p.canonical);
  return p;
}

Container read_container(const YAML::Node& n, bool init, const std::string& path) {
  Container c;
  c.init = init;
  c.path = path;
  c.name = scalar(n["name"]);
  c.at = n["name"] ? mark_of(n["name"]) : mark_of(n);
  c.image = scalar(n["image"]);
  c.image_at = n["image"] ? mark_of(n["image"]) : c.at;
  c.image_pull_policy = scalar(n["imagePullPolicy"]);
  c.image_pull_policy_at = mark_of(n["imagePullPolicy"]);
  c.command = string_list(n["command"]);
  c.command_at = mark_of(n["command"]);
  c.args = string_list(n["args"]);
  c.args_at = mark_of(n["args"]);
  c.working_dir = scalar(n["workingDir"]);
  if (auto env = n["env"]; env && env.IsSequence())
    for (const auto& e : env) {
      if (!e.IsMap()) continue;
      EnvVar v;
      v.name = scalar(e["name"]);
      v.at = mark_of(e["name"]);
      if (auto val = e["value"]) {
        v.value = scalar(val);
        v.has_value = true;
        v.value_at = mark_of(val);
      } else if (auto from = e["valueFrom"]; from && from.IsMap()) {
        v.value_at = mark_of(from);
        // Node::operator= writes through to the node; reset() rebinds.
        YAML::Node ref;
        if (from["configMapKeyRef"]) {
          ref.reset(from["configMapKeyRef"]);
          v.source = EnvVar::Source::config_map_key;
        } else if (from["secretKeyRef"]) {
          ref.reset(from["secretKeyRef"]);
          v.source = EnvVar::Source::secret_key;
        } else if (from["fieldRef"]) {
          ref.reset(from["fieldRef"]);
          v.source = EnvVar::Source::field_ref;
        } else if (from["resourceFieldRef"]) {
          ref.reset(from["resourceFieldRef"]);
          v.source = EnvVar::Source::resource_field_ref;
        } else {
          v.source = EnvVar::Source::unknown;
        }
        if (ref && ref.IsMap()) {
          v.ref_at = mark_of(ref);
          if (v.source == EnvVar::Source::field_ref) {
            v.ref_name = scalar(ref["fieldPath"]);
          } else if (v.source == EnvVar::Source::resource_field_ref) {
            v.ref_name = scalar(ref["resource"]);
            v.ref_key = scalar(ref["containerName"]);
          } else {
            v.ref_name = scalar(ref["name"]);
            if (ref["name"]) v.ref_at = mark_of(ref["name"]);
            v.ref_key = scalar(ref["key"]);
            v.ref_key_at = mark_of(ref["key"]);
            v.optional = boolean(ref["optional"]).value_or(false);
          }
        }
      } else {
        v.has_value = true;  // `- name: X` alone is an empty value
        v.value_at = v.at;
      }
      c.env.push_back(std::move(v));
    }
  if (auto ef = n["envFrom"]; ef && ef.IsSequence())
    for (const auto& e : ef) {
      if (!e.IsMap()) continue;
      EnvFrom f;
      f.prefix = scalar(e["prefix"]);
      YAML::Node ref;
      if (e["configMapRef"]) {
        ref.reset(e["configMapRef"]);
      } else if (e["secretRef"]) {
        ref.reset(e["secretRef"]);
        f.secret = true;
      }
      if (!ref || !ref.IsMap()) continue;
      f.name = scalar(ref["name"]);
      f.at = ref["name"] ? mark_of(ref["name"]) : mark_of(ref);
      f.optional = boolean(ref["optional"]).value_or(false);
      c.env_from.push_back(std::move(f));
    }
  if (auto ports = n["ports"]; ports && ports.IsSequence())
    for (const auto& p : ports) {
      if (!p.IsMap()) continue;
      ContainerPort cp;
      cp.name = scalar(p["name"]);
      cp.container_port = static_cast<int>(integer(p["containerPort"]).value_or(0));
      if (p["protocol"]) cp.protocol = scalar(p["protocol"]);
      cp.at = mark_of(p["containerPort"] ? p["containerPort"] : p);
      c.ports.push_back(std::move(cp));
    }
  c.liveness = read_probe(n, "livenessProbe");
  c.readiness = read_probe(n, "readinessProbe");
  c.startup = read_probe(n, "startupProbe");
  if (auto r = n["resources"]; r && r.IsMap()) {
    c.has_resources = true;
    c.resources.at = key_mark(n, "resources");
    auto lim = r["limits"], req = r["requests"];
    auto take = [](const YAML::Node& m, const char* k, std::string& v, Mark& at) {
      if (!m || !m.IsMap()) return;
      if (auto x = m[k]) {
        v = scalar(x);
        at = mark_of(x);
      }
    };
    take(lim, "memory", c.resources.memory_limit, c.resources.memory_limit_at);
    take(lim, "cpu", c.resources.cpu_limit, c.resources.cpu_limit_at);
    take(req, "memory", c.resources.memory_request, c.resources.memory_request_at);
    take(req, "cpu", c.resources.cpu_request, c.resources.cpu_request_at);
  } else {
    c.resources.at = c.at;
  }
  c.security_context = read_security(n["securityContext"]);
  c.restart_policy = scalar(n["restartPolicy"]);
  if (auto vm = n["volumeMounts"]; vm && vm.IsSequence())
    for (const auto& m : vm) {
      if (!m.IsMap()) continue;
      VolumeMount v;
      v.name = scalar(m["name"]);
      v.mount_path = scalar(m["mountPath"]);
      v.sub_path = scalar(m["subPath"]);
      v.read_only = boolean(m["readOnly"]).value_or(false);
      v.at = mark_of(m["mountPath"] ? m["mountPath"] : m);
      c.volume_mounts.push_back(std::move(v));
    }
  return c;
}

std::vector<KeyToPath> read_items(const YAML::Node& n) {
  std::vector<KeyToPath> out;
  if (!n || !n.IsSequence()) return out;
  for (const auto& i : n)
    if (i.IsMap()) out.push_back({scalar(i["key"]), scalar(i["path"]), file_mode(i["mode"])});
  return out;
}

Volume read_volume(const YAML::Node& n) {
  Volume v;
  v.name = scalar(n["name"]);
  v.at = mark_of(n["name"] ? n["name"] : n);
  if (auto e = n["emptyDir"]) {
    v.type = Volume::Type::empty_dir;
    if (e.IsMap()) {
      v.medium = scalar(e["medium"]);
      v.size_limit = scalar(e["sizeLimit"]);
    }
  } else if (auto cm = n["configMap"]; cm && cm.IsMap()) {
    v.type = Volume::Type::config_map;
    v.source = scalar(cm["name"]);
    v.default_mode = file_mode(cm["defaultMode"]);
    v.items = read_items(cm["items"]);
    v.optional = boolean(cm["optional"]).value_or(false);
  } else if (auto s = n["secret"]; s && s.IsMap()) {
    v.type = Volume::Type::secret;
    v.source = scalar(s["secretName"]);
    v.default_mode = file_mode(s["defaultMode"]);
    v.items = read_items(s["items"]);
    v.optional = boolean(s["optional"]).value_or(false);
  } else if (auto p = n["persistentVolumeClaim"]; p && p.IsMap()) {
    v.type = Volume::Type::pvc;
    v.source = scalar(p["claimName"]);
  } else if (auto h = n["hostPath"]; h && h.IsMap()) {
    v.type = Volume::Type::host_path;
    v.source = scalar(h["path"]);
  } else if (auto pr = n["projected"]; pr && pr.IsMap()) {
    v.type = Volume::Type::projected;
    v.default_mode = file_mode(pr["defaultMode"]);
  }
  return v;
}

PodSpec read_pod(const YAML::Node& spec, const YAML::Node& meta, const std::string& path) {
  PodSpec p;
  p.path = path;
  p.at = mark_of(spec);
  p.labels = string_map(child(meta, "labels"));
  p.annotations = string_map(child(meta, "annotations"));
  auto list = [&](const char* key, bool init, std::vector<Container>& out) {
    auto cs = spec[key];
    if (!cs || !cs.IsSequence()) return;
    size_t i = 0;
    for (const auto& c : cs) {
      if (c.IsMap()) out.push_back(read_container(c, init, path + "." + key + "[" + std::to_string(i) + "]"));
      ++i;
    }
  };
  list("containers", false, p.containers);
  list("initContainers", true, p.init_containers);
  if (auto vs = spec["volumes"]; vs && vs.IsSequence())
    for (const auto& v : vs)
      if (v.IsMap()) p.volumes.push_back(read_volume(v));
  p.security_context = read_security(spec["securityContext"]);
  p.host_network = boolean(spec["hostNetwork"]).value_or(false);
  p.service_account = scalar(spec["serviceAccountName"]);
  p.automount_service_account_token = boolean(spec["automountServiceAccountToken"]);
  p.enable_service_links = boolean(spec["enableServiceLinks"]);
  return p;
}

std::vector<PolicyRule> read_policy_rules(const YAML::Node& n, const char* peers_key) {
  std::vector<PolicyRule> out;
  if (!n || !n.IsSequence()) return out;
  for (const auto& r : n) {
    PolicyRule rule;
    rule.at = mark_of(r);
    if (r.IsMap()) {
      auto peers = r[peers_key];
      if (peers && peers.IsSequence() && peers.size() > 0) {
        rule.peers_present = true;
        for (const auto& p : peers) {
          if (!p.IsMap()) continue;
          PolicyPeer peer;
          peer.pod_selector = read_selector(p["podSelector"]);
          peer.namespace_selector = read_selector(p["namespaceSelector"]);
          if (auto ip = p["ipBlock"]; ip && ip.IsMap()) {
            peer.ip_block_cidr = scalar(ip["cidr"]);
            peer.ip_block_except = string_list(ip["except"]);
          }
          rule.peers.push_back(std::move(peer));
        }
      }
      auto ports = r["ports"];
      if (ports && ports.IsSequence() && ports.size() > 0) {
        rule.ports_present = true;
        for (const auto& p : ports) {
          if (!p.IsMap()) continue;
          PolicyPort pp;
          if (p["protocol"]) pp.protocol = scalar(p["protocol"]);
          pp.port = scalar(p["port"]);
          pp.end_port = static_cast<int>(integer(p["endPort"]).value_or(0));
          rule.ports.push_back(std::move(pp));
        }
      }
    }
    out.push_back(std::move(rule));
  }
  return out;
}

NetworkPolicy read_network_policy(const YAML::Node& spec) {
  NetworkPolicy np;
  np.pod_selector = read_selector(spec["podSelector"]);
  np.pod_selector.present = true;  // required; {} or absent selects every pod of the namespace
  auto types = string_list(spec["policyTypes"]);
  np.ingress = read_policy_rules(spec["ingress"], "from");
  np.egress = read_policy_rules(spec["egress"], "to");
  if (spec["policyTypes"] && spec["policyTypes"].IsSequence()) {
    for (const auto& t : types) {
      if (t == "Ingress") np.ingress_type = true;
      if (t == "Egress") np.egress_type = true;
    }
  } else {
    // The API's default: Ingress always; Egress when the policy has egress rules.
    np.ingress_type = true;
    np.egress_type = spec["egress"] && spec["egress"].IsSequence();
  }
  return np;
}

void read_object(ManifestSet& set, const YAML::Node& n, const std::string& display, const std::string& source,
                 int document);

void read_document(ManifestSet& set, const YAML::Node& doc, const std::string& display, const std::string& source,
                   int document) {
  if (!doc || !doc.IsMap()) return;
  auto kind = doc["kind"];
  if (!doc["apiVersion"] || !kind || !kind.IsScalar()) return;
  if (kind.Scalar().size() >= 4 && kind.Scalar().ends_with("List")) {
    auto items = doc["items"];
    if (items && items.IsSequence())
      for (const auto& i : items) read_document(set, i, display, source, document);
    return;
  }
  read_object(set, doc, display, source, document);
}

void read_object(ManifestSet& set, const YAML::Node& n, const std::string& display, const std::string& source,
                 int document) {
  Object o;
  o.api_version = scalar(n["apiVersion"]);
  o.kind = scalar(n["kind"]);
  o.kind_at = mark_of(n["kind"]);
  o.at = mark_of(n);
  o.file = display;
  o.source = source;
  o.document = document;
  o.node = n;
  auto meta = n["metadata"];
  if (meta && meta.IsMap()) {
    o.name = scalar(meta["name"]);
    if (o.name.empty()) o.name = scalar(meta["generateName"]);
    o.namespace_ = scalar(meta["namespace"]);
    o.labels = string_map(meta["labels"]);
    o.annotations = string_map(meta["annotations"]);
  }
  YAML::Node spec;  // null unless the object has a spec map
  if (n["spec"] && n["spec"].IsMap()) spec.reset(n["spec"]);
  const std::string& k = o.kind;
  if (k == "Pod") {
    if (spec) o.pod = read_pod(spec, meta, "spec");
  } else if (k == "CronJob") {
    auto jt = child(spec, "jobTemplate");
    auto js = child(jt, "spec");
    auto tpl = child(js, "template");
    auto ps = child(tpl, "spec");
    if (ps && ps.IsMap()) o.pod = read_pod(ps, child(tpl, "metadata"), "spec.jobTemplate.spec.template.spec");
  } else if (is_workload_kind(k)) {
    auto tpl = child(spec, "template");
    auto ps = child(tpl, "spec");
    if (ps && ps.IsMap()) o.pod = read_pod(ps, child(tpl, "metadata"), "spec.template.spec");
  } else if (k == "ConfigMap") {
    for (const char* key : {"data", "binaryData"}) {
      auto d = n[key];
      if (!d || !d.IsMap()) continue;
      for (const auto& kv : d)
        if (kv.first.IsScalar()) o.data[kv.first.Scalar()] = {scalar(kv.second), mark_of(kv.first)};
    }
  } else if (k == "Secret") {
    o.secret_type = scalar(n["type"]);
    if (auto d = n["data"]; d && d.IsMap())
      for (const auto& kv : d)
        if (kv.first.IsScalar()) o.data[kv.first.Scalar()] = {base64_decode(scalar(kv.second)), mark_of(kv.first)};
    if (auto d = n["stringData"]; d && d.IsMap())
      for (const auto& kv : d)
        if (kv.first.IsScalar()) o.data[kv.first.Scalar()] = {scalar(kv.second), mark_of(kv.first)};
  } else if (k == "Service") {
    o.service_selector = read_plain_selector(child(spec, "selector"));
    o.service_type = scalar(child(spec, "type"));
    o.cluster_ip = scalar(child(spec, "clusterIP"));
    o.external_name = scalar(child(spec, "externalName"));
    if (auto ps = child(spec, "ports"); ps && ps.IsSequence())
      for (const auto& p : ps) {
        if (!p.IsMap()) continue;
        ServicePort sp;
        sp.name = scalar(p["name"]);
        sp.port = static_cast<int>(integer(p["port"]).value_or(0));
        sp.target_port = scalar(p["targetPort"]);
        if (p["protocol"]) sp.protocol = scalar(p["protocol"]);
        o.service_ports.push_back(std::move(sp));
      }
  } else if (k == "ServiceAccount") {
    o.automount_service_account_token = boolean(n["automountServiceAccountToken"]);
  } else if (k == "NetworkPolicy" && o.api_version.rfind("networking.k8s.io/", 0) == 0) {
    o.network_policy = read_network_policy(spec ? spec : YAML::Node(YAML::NodeType::Map));
  }
  set.objects().push_back(std::move(o));
}

// The Helm `# Source: chart/templates/x.yaml` comments of a text, by line.
std::vector<std::pair<int, std::string>> helm_sources(std::string_view text) {
  std::vector<std::pair<int, std::string>> out;
  int line = 1;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    if (l.rfind("# Source: ", 0) == 0) {
      std::string_view s = l.substr(10);
      while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
      out.emplace_back(line, std::string(s));
    }
    ++line;
    pos = end + 1;
  }
  return out;
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

bool LabelSelector::matches(const std::map<std::string, std::string>& labels) const {
  for (const auto& [k, v] : match_labels) {
    auto it = labels.find(k);
    if (it == labels.end() || it->second != v) return false;
  }
  for (const auto& r : match_expressions) {
    auto it = labels.find(r.key);
    bool has = it != labels.end();
    bool in = has && std::find(r.values.begin(), r.values.end(), it->second) != r.values.end();
    if (r.op == "In") {
      if (!in) return false;
    } else if (r.op == "NotIn") {
      if (in) return false;
    } else if (r.op == "Exists") {
      if (!has) return false;
    } else if (r.op == "DoesNotExist") {
      if (has) return false;
    } else {
      return false;
    }
  }
  return true;
}

const Volume* PodSpec::volume(std::string_view n) const {
  for (const auto& v : volumes)
    if (v.name == n) return &v;
  return nullptr;
}

EffectiveSecurity effective_security(const PodSpec& pod, const Container& c) {
  EffectiveSecurity e;
  const auto& ps = pod.security_context;
  const auto& cs = c.security_context;
  if (cs.run_as_non_root) {
    e.run_as_non_root = cs.run_as_non_root;
    e.run_as_non_root_at = cs.run_as_non_root_at;
  } else if (ps.run_as_non_root) {
    e.run_as_non_root = ps.run_as_non_root;
    e.run_as_non_root_at = ps.run_as_non_root_at;
  }
  if (cs.run_as_user) {
    e.run_as_user = cs.run_as_user;
    e.run_as_user_at = cs.run_as_user_at;
  } else if (ps.run_as_user) {
    e.run_as_user = ps.run_as_user;
    e.run_as_user_at = ps.run_as_user_at;
  }
  e.run_as_group = cs.run_as_group ? cs.run_as_group : ps.run_as_group;
  e.read_only_root_filesystem = cs.read_only_root_filesystem;
  e.read_only_root_filesystem_at = cs.read_only_root_filesystem_at;
  return e;
}

std::string Object::resource() const {
  if (namespace_.empty()) return kind + "/" + name;
  return kind + "/" + namespace_ + "/" + name;
}

bool is_workload_kind(std::string_view k) {
  return k == "Deployment" || k == "StatefulSet" || k == "DaemonSet" || k == "Job" || k == "CronJob" ||
         k == "ReplicaSet" || k == "ReplicationController" || k == "Pod";
}

const Object* ManifestSet::find(std::string_view kind, std::string_view ns, std::string_view name) const {
  std::string_view want = ns.empty() ? "default" : ns;
  for (const auto& o : objects_)
    if (o.kind == kind && o.name == name && o.effective_namespace() == want) return &o;
  return nullptr;
}

bool ManifestSet::has_kind(std::string_view kind) const {
  return std::any_of(objects_.begin(), objects_.end(), [&](const Object& o) { return o.kind == kind; });
}

std::optional<std::map<std::string, std::string>> ManifestSet::namespace_labels(std::string_view ns) const {
  std::string_view want = ns.empty() ? "default" : ns;
  for (const auto& o : objects_)
    if (o.kind == "Namespace" && o.name == want) {
      auto l = o.labels;
      l["kubernetes.io/metadata.name"] = o.name;
      return l;
    }
  return std::nullopt;
}

void load_text(ManifestSet& set, std::string_view text, const std::string& display, bool named) {
  std::vector<YAML::Node> docs;
  try {
    docs = yaml::load_documents(std::string(text));
  } catch (const YAML::Exception& e) {
    throw InputError(yaml::malformed_message(display, e));
  }
  // Binary junk or a plain text file parses as one YAML scalar. Named on its
  // own it is a wrong input, as kubectl says; found in a folder it is skipped
  // like any YAML that is not a manifest.
  if (named && std::none_of(docs.begin(), docs.end(), [](const YAML::Node& d) { return d.IsMap() || d.IsSequence(); }) &&
      std::any_of(docs.begin(), docs.end(), [](const YAML::Node& d) { return d.IsScalar(); }))
    throw InputError(display + ": holds no Kubernetes object");
  set.files.push_back(display);
  auto sources = helm_sources(text);
  int prev_start = 0;
  int index = 0;
  for (const auto& d : docs) {
    int start = mark_of(d).line;
    std::string source;
    for (const auto& [line, s] : sources)
      if (line <= start && line > prev_start) source = s;
    try {
      read_document(set, d, display, source, index);
    } catch (const YAML::Exception& e) {
      throw InputError(display + ":" + std::to_string(start) + ": unreadable manifest: " + one_line(e.msg));
    }
    if (start > 0) prev_start = start;
    ++index;
  }
}

void load_file(ManifestSet& set, const std::filesystem::path& path, const std::string& display, bool named) {
  std::string shown = display.empty() ? path.string() : display;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(shown + ": cannot read file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(shown + ": cannot read file");
  load_text(set, ss.str(), shown, named);
}

ManifestSet load(const std::vector<std::filesystem::path>& paths) {
  ManifestSet set;
  for (const auto& p : paths) load_path(set, p);
  return set;
}

void load_path(ManifestSet& set, const std::filesystem::path& p) {
  namespace fs = std::filesystem;
  {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> files;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      if (ec) throw InputError(p.string() + ": cannot read directory: " + ec.message());
      for (; it != end; it.increment(ec)) {
        if (ec) break;
        const auto name = it->path().filename().string();
        if (it->is_directory(ec) && (name == ".git" || name == "node_modules")) {
          it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file(ec)) continue;
        if (name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json")) files.push_back(it->path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) load_file(set, f, f.string());
    } else if (fs::exists(p, ec)) {
      load_file(set, p, p.string(), /*named=*/true);
    } else {
      throw InputError(p.string() + ": no such file or directory");
    }
  }
}

bool looks_like_manifest(std::string_view text) {
  try {
    ManifestSet s;
    load_text(s, text, "-");
    return !s.objects().empty();
  } catch (const InputError&) {
    return false;
  }
}

std::optional<std::string> resolve_env(const ManifestSet& set, const Object& owner, const EnvVar& e) {
  using S = EnvVar::Source;
  if (e.source == S::value) return e.value;
  if (e.source != S::config_map_key && e.source != S::secret_key) return std::nullopt;
  const Object* o = set.find(e.source == S::secret_key ? "Secret" : "ConfigMap", owner.namespace_, e.ref_name);
  if (!o) return std::nullopt;
  auto it = o->data.find(e.ref_key);
  if (it == o->data.end()) return std::nullopt;
  return it->second.value;
}

std::vector<ResolvedEnv> container_env(const ManifestSet& set, const Object& owner, const Container& c) {
  std::vector<ResolvedEnv> out;
  auto put = [&](ResolvedEnv r) {
    for (auto& x : out)
      if (x.name == r.name) {
        x = std::move(r);
        return;
      }
    out.push_back(std::move(r));
  };
  for (const auto& f : c.env_from) {
    const Object* o = set.find(f.secret ? "Secret" : "ConfigMap", owner.namespace_, f.name);
    if (!o) continue;
    for (const auto& [k, v] : o->data)
      put({f.prefix + k, v.value, f.secret, (f.secret ? "secret/" : "configmap/") + f.name, v.at});
  }
  for (const auto& e : c.env) {
    ResolvedEnv r{e.name, resolve_env(set, owner, e), e.source == EnvVar::Source::secret_key, "env", e.at};
    switch (e.source) {
      case EnvVar::Source::config_map_key: r.from = "configmap/" + e.ref_name; break;
      case EnvVar::Source::secret_key: r.from = "secret/" + e.ref_name; break;
      case EnvVar::Source::field_ref: r.from = "fieldRef"; break;
      case EnvVar::Source::resource_field_ref: r.from = "resourceFieldRef"; break;
      case EnvVar::Source::unknown: r.from = "valueFrom"; break;
      default: break;
    }
    put(std::move(r));
  }
  return out;
}

std::string expand_vars(std::string_view s,
                        const std::function<std::optional<std::string>(const std::string&)>& lookup) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '$' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char next = s[i + 1];
    if (next == '$') {  // $$: an escaped $
      out += '$';
      ++i;
      continue;
    }
    if (next == '(') {
      size_t close = s.find(')', i + 2);
      if (close == std::string_view::npos) {  // no closing paren: as written
        out += "$(";
        ++i;
        continue;
      }
      std::string name(s.substr(i + 2, close - i - 2));
      auto v = lookup(name);
      out += v ? *v : "$(" + name + ")";
      i = close;
      continue;
    }
    out += '$';
  }
  return out;
}

}  // namespace dd::k8s
