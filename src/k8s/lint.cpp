#include "k8s/lint.h"

#include "knowledge/heap.h"

#include <algorithm>
#include <sstream>

namespace dd::k8s {
namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + ",") {
    if (c == ',' || c == ' ' || c == '\n' || c == '\t') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

bool has_alias(const RuleInfo& r, std::string_view name) {
  if (r.id == name || r.name == name) return true;
  return std::find(r.aliases.begin(), r.aliases.end(), name) != r.aliases.end();
}

// True when an annotation of the object (or its pod template) turns the rule off:
//   drydock.io/ignore: DD6001,memory-limit-missing
//   kube-score/ignore: container-resources,pod-probes
//   ignore-check.kube-linter.io/<check>: "reason"
//   polaris.fairwinds.com/<check>-exempt: "true" (polaris.fairwinds.com/exempt: "true" for all)
//   checkov.io/skip<N>: CKV_K8S_13=reason
bool ignored_by(const std::map<std::string, std::string>& ann, const RuleInfo& r) {
  for (const auto& [k, v] : ann) {
    if (k == "drydock.io/ignore" || k == "kube-score/ignore") {
      for (const auto& n : split_list(v))
        if (has_alias(r, n)) return true;
    } else if (k.rfind("ignore-check.kube-linter.io/", 0) == 0) {
      if (has_alias(r, std::string_view(k).substr(28))) return true;
    } else if (k.rfind("polaris.fairwinds.com/", 0) == 0) {
      std::string_view rest = std::string_view(k).substr(22);
      if (rest == "exempt" && v == "true") return true;
      if (rest.ends_with("-exempt") && v == "true" && has_alias(r, rest.substr(0, rest.size() - 7))) return true;
    } else if (k.rfind("checkov.io/skip", 0) == 0) {
      std::string id = v.substr(0, v.find('='));
      while (!id.empty() && id.back() == ' ') id.pop_back();
      if (has_alias(r, id)) return true;
    }
  }
  return false;
}

}  // namespace

Finding at(const Workload& w, const Container* c, Mark m, std::string message, std::string evidence,
           std::string field) {
  Finding f;
  f.message = std::move(message);
  f.evidence = std::move(evidence);
  f.location.file = w.object.file;
  if (!m.known()) m = c ? c->at : w.object.at;
  f.location.line = m.line;
  f.location.column = m.column;
  f.location.resource = w.object.resource();
  if (c) f.location.container = c->name;
  f.location.field = field.empty() ? (c ? c->path : w.pod.path) : std::move(field);
  if (!w.object.source.empty()) f.message += " (Helm template " + w.object.source + ")";
  f.tags = {"k8s"};
  return f;
}

std::vector<const Container*> all_containers(const PodSpec& pod) {
  std::vector<const Container*> out;
  for (const auto& c : pod.init_containers) out.push_back(&c);
  for (const auto& c : pod.containers) out.push_back(&c);
  return out;
}

std::string command_line(const Container& c) {
  std::string s;
  for (const auto& p : c.command) s += (s.empty() ? "" : " ") + p;
  for (const auto& p : c.args) s += (s.empty() ? "" : " ") + p;
  return s;
}

Runtime runtime_of(const Container& c) {
  return kb::runtime_kind(kb::parse_image(c.image), c.command.empty() ? std::string_view() : c.command.front());
}

std::vector<EnvSeen> env_seen(const Workload& w, const Container& c) {
  std::vector<EnvSeen> out;
  auto put = [&](EnvSeen e) {
    for (auto& x : out)
      if (x.name == e.name) {
        x = std::move(e);
        return;
      }
    out.push_back(std::move(e));
  };
  for (const auto& f : c.env_from) {
    const Object* o = w.set.find(f.secret ? "Secret" : "ConfigMap", w.object.namespace_, f.name);
    if (!o) continue;
    for (const auto& [k, v] : o->data)
      put({f.prefix + k, v.value, f.secret, f.at, (f.secret ? "Secret " : "ConfigMap ") + f.name});
  }
  for (const auto& e : c.env) {
    auto v = resolve_env(w.set, w.object, e);
    if (!v) continue;
    if (e.source == EnvVar::Source::value) {
      // The kubelet expands $(VAR) in a value with the variables before it.
      *v = expand_vars(*v, [&](const std::string& name) -> std::optional<std::string> {
        for (const auto& x : out)
          if (x.name == name) return x.value;
        return std::nullopt;
      });
    }
    std::string from;
    if (e.source == EnvVar::Source::config_map_key) from = "ConfigMap " + e.ref_name;
    if (e.source == EnvVar::Source::secret_key) from = "Secret " + e.ref_name;
    put({e.name, *v, e.source == EnvVar::Source::secret_key, e.at, from});
  }
  return out;
}

std::vector<HeapFlag> heap_flags(const Workload& w, const Container& c) {
  std::vector<HeapFlag> out;
  // The flags themselves are read by the knowledge layer (knowledge/heap.h).
  auto scan = [&](const std::string& text, Mark at, const std::string& where) {
    for (auto& k : kb::heap_flags(text)) {
      HeapFlag h;
      h.text = std::move(k.text);
      h.bytes = k.bytes;
      h.percent = k.percent;
      h.node = k.node;
      h.active_processor_count = k.active_processor_count;
      h.at = at;
      h.where = where;
      out.push_back(std::move(h));
    }
  };
  std::string where_cmd = c.args.empty() ? "command" : "args";
  auto env = env_seen(w, c);
  // command and args as the kubelet runs them: $(VAR) expanded with the env.
  std::string cmd = expand_vars(command_line(c), [&](const std::string& name) -> std::optional<std::string> {
    for (const auto& e : env)
      if (e.name == name && !e.secret) return e.value;
    return std::nullopt;
  });
  scan(cmd, c.args.empty() ? c.command_at : c.args_at, where_cmd);
  for (const auto& e : env) {
    static const char* kNames[] = {"JAVA_TOOL_OPTIONS", "JAVA_OPTS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
                                   "NODE_OPTIONS", "JVM_OPTS", "CATALINA_OPTS", "ES_JAVA_OPTS", "KAFKA_HEAP_OPTS"};
    bool known = false;
    for (const char* n : kNames) known = known || e.name == n;
    if (!known || e.secret) continue;
    scan(e.value, e.at, "env " + e.name + (e.from.empty() ? "" : " (from " + e.from + ")"));
  }
  return out;
}

std::vector<Finding> lint(const ManifestSet& set, const CoreSettings& core, const K8sSettings& /*no keys yet*/) {
  Report report(&core);
  for (const auto& o : set.objects()) {
    if (!o.pod) continue;
    Workload w{set, o, *o.pod};
    for (const Rule* r : rules()) {
      if (ignored_by(o.annotations, r->info()) || ignored_by(o.pod->annotations, r->info())) continue;
      r->check(w, report);
    }
  }
  return std::move(report.findings());
}

}  // namespace dd::k8s
