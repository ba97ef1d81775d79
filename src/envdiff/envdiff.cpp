// envdiff: readers for every env form, the comparison and the source scan.
#include "envdiff/envdiff.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "core/error.h"
#include "core/redact.h"
#include "core/registrar.h"
#include "core/registry.h"
#include "core/report.h"
#include "k8s/manifest.h"
#include "knowledge/address.h"
#include "knowledge/build_env.h"
#include "secrets/secrets.h"

namespace dd::envdiff {
namespace {

// The env checks judge what a container runs with.
using Rules = Registrar<Domain::runtime>;
const std::vector<std::string> kTags = {"env"};

const RuleInfo& kMissing = Rules::add(
    "DD0100", "env-missing", Category::config_missing, Severity::warning, "A variable is set on one side only",
    "Configuration that lives in one environment (a developer's .env, a local docker run) and not the other is the "
    "first cause of \"works locally, fails in Kubernetes\".",
    "env:\n  - name: NAME\n    valueFrom:\n      configMapKeyRef: {name: app-config, key: NAME}", kTags);
const RuleInfo& kDiffers = Rules::add("DD0101", "env-differs", Category::config_missing, Severity::info,
                                    "A variable has different values on the two sides",
                                    "Different values switch code paths (ENV=dev vs prod) or point at other services.",
                                    "Check that the difference is intended", kTags);
const RuleInfo& kLocalhost = Rules::add(
    "DD0102", "env-localhost", Category::network_unreachable, Severity::warning,
    "A variable points at localhost",
    "Inside a container or pod, localhost is the container itself: a database or service address on localhost is "
    "refused.",
    "DB_HOST=postgres.prod.svc.cluster.local   # the Service name, not localhost", kTags);
const RuleInfo& kUnresolved = Rules::add(
    "DD0103", "env-ref-missing", Category::config_missing, Severity::error,
    "valueFrom or envFrom names a ConfigMap, Secret or key that the given files do not have",
    "The kubelet refuses to create a container whose non-optional reference is missing (CreateContainerConfigError).",
    "kubectl create configmap NAME --from-literal=KEY=VALUE", kTags);
const RuleInfo& kUnprovided = Rules::add(
    "DD0104", "env-read-not-provided", Category::config_missing, Severity::warning,
    "The code reads a variable that neither side provides",
    "A variable the code reads without a default and that no environment sets fails at run time, often only on the "
    "code path that needs it.",
    "env:\n  - name: NAME\n    value: VALUE", kTags);

using nlohmann::json;

std::string runtime_name_clip(const std::string& s) { return s.size() > 60 ? s.substr(0, 60) + "..." : s; }

std::string read_text(const std::filesystem::path& p) {
  std::error_code ec;
  if (std::filesystem::is_directory(p, ec)) throw InputError(p.string() + ": is a directory; expected a file");
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError(p.string() + ": cannot read the file");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool valid_name(const std::string& n) {
  if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) return false;
  for (unsigned char c : n)
    if (!(std::isalnum(c) || c == '_' || c == '.' || c == '-')) return false;
  return true;
}

void put(EnvSet& s, Var v) {
  for (auto& e : s.vars)
    if (e.name == v.name) {
      e = std::move(v);  // later definitions win, as in the shell, docker and the kubelet
      return;
    }
  s.vars.push_back(std::move(v));
}

// `env` output and .env files: KEY=VALUE, export KEY=VALUE, # comments,
// 'single' and "double" quotes (with \n \" \\ in double quotes), and
// inline comments after unquoted values (" #").
void read_dotenv(EnvSet& s, const std::string& text) {
  int n = 0;
  size_t pos = 0;
  bool dotenv = false;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() + 1 : nl + 1;
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t a = line.find_first_not_of(" \t");
    if (a == std::string::npos || line[a] == '#') {
      if (a != std::string::npos) dotenv = true;
      continue;
    }
    line = line.substr(a);
    if (line.rfind("export ", 0) == 0) {
      dotenv = true;
      line = line.substr(line.find_first_not_of(' ', 7) == std::string::npos ? line.size() : line.find_first_not_of(' ', 7));
    }
    auto eq = line.find('=');
    if (eq == std::string::npos) {
      if (!dotenv && !s.vars.empty()) {  // a multi-line value in env output
        s.vars.back().value = s.vars.back().value.value_or("") + "\n" + line;
        continue;
      }
      throw InputError(s.file + ":" + std::to_string(n) + ": expected NAME=VALUE");
    }
    std::string name = line.substr(0, eq);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    if (!valid_name(name)) throw InputError(s.file + ":" + std::to_string(n) + ": \"" + runtime_name_clip(name) + "\" is not a variable name");
    std::string raw = line.substr(eq + 1);
    std::string value;
    size_t b = raw.find_first_not_of(" \t");
    if (b != std::string::npos && (raw[b] == '"' || raw[b] == '\'')) {
      char q = raw[b];
      dotenv = true;
      size_t i = b + 1;
      bool closed = false;
      std::string acc;
      while (true) {
        for (; i < raw.size(); ++i) {
          char c = raw[i];
          if (c == q) {
            closed = true;
            break;
          }
          if (q == '"' && c == '\\' && i + 1 < raw.size()) {
            char e = raw[++i];
            acc += e == 'n' ? '\n' : e == 't' ? '\t' : e;
            continue;
          }
          acc += c;
        }
        if (closed || pos > text.size()) break;
        // A quoted value that spans lines.
        size_t nl2 = text.find('\n', pos);
        raw = text.substr(pos, nl2 == std::string::npos ? std::string::npos : nl2 - pos);
        if (!raw.empty() && raw.back() == '\r') raw.pop_back();
        pos = nl2 == std::string::npos ? text.size() + 1 : nl2 + 1;
        ++n;
        acc += '\n';
        i = 0;
      }
      if (!closed) throw InputError(s.file + ":" + std::to_string(n) + ": unterminated quote in the value of " + name);
      value = acc;
    } else {
      value = raw;
      auto hash = value.find(" #");
      if (hash != std::string::npos && dotenv) value = value.substr(0, hash);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    }
    Var v;
    v.name = name;
    v.value = value;
    v.from = "literal";
    v.file = s.file;
    v.line = n;
    v.secret = is_secret(name, value);
    put(s, std::move(v));
  }
}

// ---- ConfigMaps and Secrets ----

// ---- pods and manifests, through the k8s manifest model ----

void read_container(EnvSet& s, const k8s::Object& w, const k8s::Container& c, const k8s::ManifestSet& set) {
  std::string ns = w.effective_namespace();
  auto find = [&](bool secret, const std::string& name) -> const k8s::Object* {
    const k8s::Object* o = set.find(secret ? "Secret" : "ConfigMap", ns, name);
    return o;
  };
  // envFrom first: env entries override it, as the kubelet does.
  int i = 0;
  for (const auto& e : c.env_from) {
    std::string path = c.path + ".envFrom[" + std::to_string(i++) + "]";
    const k8s::Object* o = find(e.secret, e.name);
    if (!o) {
      if (!e.optional)
        s.problems.push_back({std::string(e.secret ? "Secret " : "ConfigMap ") + e.name +
                                  " (envFrom) is not in the given files: its variables are unknown",
                              path, e.at.line, false});
      continue;
    }
    for (const auto& [k, d] : o->data) {
      Var var;
      var.name = e.prefix + k;
      var.value = d.value;
      var.from = std::string(e.secret ? "secret " : "configMap ") + e.name + "/" + k + " (envFrom)";
      var.secret = e.secret || is_secret(var.name, d.value);
      var.file = s.file;
      var.line = e.at.line;
      var.field = path;
      put(s, std::move(var));
    }
  }
  i = 0;
  for (const auto& e : c.env) {
    std::string path = c.path + ".env[" + std::to_string(i++) + "]";
    Var var;
    var.name = e.name;
    if (var.name.empty()) continue;
    var.file = s.file;
    var.line = e.at.line;
    var.field = path;
    using Src = k8s::EnvVar::Source;
    if (e.source == Src::value) {
      var.value = e.value;
      var.from = "literal";
      var.secret = is_secret(var.name, e.value);
      put(s, std::move(var));
      continue;
    }
    if (e.source == Src::config_map_key || e.source == Src::secret_key) {
      bool secret = e.source == Src::secret_key;
      std::string kind = secret ? "Secret" : "ConfigMap";
      var.from = std::string(secret ? "secret " : "configMap ") + e.ref_name + "/" + e.ref_key;
      var.secret = secret || secrets::is_secret_name(var.name);
      const k8s::Object* o = find(secret, e.ref_name);
      if (o) {
        auto it = o->data.find(e.ref_key);
        if (it != o->data.end()) {
          var.value = it->second.value;
          var.secret = var.secret || is_secret(var.name, it->second.value);
        } else if (!e.optional) {
          s.problems.push_back({kind + " " + e.ref_name + " (" + o->file + ") has no key " + e.ref_key + ", which " +
                                    var.name + " reads: the container is not created",
                                path + ".valueFrom." + (secret ? "secretKeyRef" : "configMapKeyRef"),
                                e.ref_key_at.known() ? e.ref_key_at.line : var.line, true});
          continue;
        } else {
          continue;  // optional and absent: not set
        }
      } else if (!e.optional) {
        s.problems.push_back({kind + " " + e.ref_name + " is not in the given files: the value of " + var.name +
                                  " is unknown (give it with --with FILE)",
                              path + ".valueFrom", var.line, false});
      }
      put(s, std::move(var));
      continue;
    }
    var.from = e.source == Src::field_ref            ? "fieldRef " + e.ref_name
               : e.source == Src::resource_field_ref ? "resourceFieldRef " + e.ref_name
                                                     : std::string("valueFrom");
    put(s, std::move(var));
  }
}

void read_manifests(EnvSet& s, const k8s::ManifestSet& set, const std::string& want) {
  std::vector<std::pair<const k8s::Object*, const k8s::Container*>> chosen, all;
  for (const auto& o : set.objects()) {
    if (!o.pod || o.file != s.file) continue;
    for (const auto* list : {&o.pod->init_containers, &o.pod->containers})
      for (const auto& c : *list) all.push_back({&o, &c});
  }
  if (all.empty()) throw InputError(s.file + ": no Pod or workload with containers found");
  for (const auto& e : all)
    if (!want.empty() ? e.second->name == want : !e.second->init) chosen.push_back(e);
  if (chosen.empty()) throw InputError(s.file + ": no container named " + want);
  if (chosen.size() > 1 && want.empty()) {
    std::string names;
    for (const auto& e : chosen) names += (names.empty() ? "" : ", ") + e.second->name;
    throw InputError(s.file + ": holds several containers (" + names + "); pick one with :container=NAME or --container");
  }
  const auto& [w, c] = chosen.front();
  s.resource = w->kind + "/" + w->effective_namespace() + "/" + w->name;
  s.container = c->name;
  read_container(s, *w, *c, set);
}

bool docker_inspect(EnvSet& s, const json& j, const std::string& want) {
  std::vector<const json*> cs;
  if (j.is_array())
    for (const auto& o : j)
      if (o.is_object() && o.contains("Config")) cs.push_back(&o);
  if (j.is_object() && j.contains("Config") && (j.contains("State") || j.contains("RootFS"))) cs.push_back(&j);
  if (cs.empty()) return false;
  const json* c = cs.front();
  if (!want.empty())
    for (const json* k : cs)
      if (k->value("Name", "") == want || k->value("Name", "") == "/" + want) c = k;
  s.kind = "docker-inspect";
  s.container = c->value("Name", "");
  if (!s.container.empty() && s.container[0] == '/') s.container.erase(0, 1);
  const json& cfg = (*c)["Config"];
  if (cfg.is_object() && cfg.contains("Env") && cfg["Env"].is_array()) {
    int i = 0;
    for (const auto& e : cfg["Env"]) {
      ++i;
      if (!e.is_string()) continue;
      std::string kv = e.get<std::string>();
      auto eq = kv.find('=');
      Var v;
      v.name = kv.substr(0, eq);
      v.value = eq == std::string::npos ? std::string() : kv.substr(eq + 1);
      v.from = "Config.Env";
      v.field = "at(Config.Env, " + std::to_string(i - 1) + ")";
      v.file = s.file;
      v.secret = is_secret(v.name, *v.value);
      put(s, std::move(v));
    }
  }
  return true;
}

std::string fmt_value(const Var& v) { return v.value ? "\"" + shown(v) + "\"" : "<" + v.from + ", not resolved>"; }

}  // namespace

const Var* EnvSet::find(const std::string& name) const {
  for (const auto& v : vars)
    if (v.name == name) return &v;
  return nullptr;
}

bool is_secret(const std::string& name, const std::string& value) {
  if (value.empty() || secrets::is_placeholder(value)) return false;
  if (secrets::is_secret_name(name) || secrets::looks_secret_value(name, value)) return true;
  return !secrets::match_value(value).empty();
}

std::string shown(const Var& v) {
  if (!v.value) return "";
  const std::string& val = *v.value;
  // A URL keeps its host (the useful part); only its password is masked.
  auto [pb, pe] = secrets::url_password(val);
  if (pb != std::string::npos) return val.substr(0, pb) + redact(val.substr(pb, pe - pb)) + val.substr(pe);
  if (v.secret) return redact(val);
  std::string out;
  for (unsigned char c : val) {
    if (out.size() >= 200) {
      out += "...";
      break;
    }
    out += c == '\n' ? ' ' : (c < 0x20 ? '?' : static_cast<char>(c));
  }
  return out;
}

EnvSet read_side(const std::string& spec, const Options& opt) {
  EnvSet s;
  s.label = spec;
  std::string path = spec, want = opt.container;
  auto at = spec.rfind(":container=");
  if (at != std::string::npos) {
    path = spec.substr(0, at);
    want = spec.substr(at + 11);
  }
  s.file = path;
  std::string text = read_text(path);
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) {
    s.kind = "env";
    return s;
  }
  bool json_text = text[start] == '{' || text[start] == '[';
  if (json_text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) throw InputError(path + ": malformed JSON");
    if (docker_inspect(s, j, want)) return s;
  }
  if (json_text || k8s::looks_like_manifest(text)) {
    s.kind = json_text ? "pod" : "manifest";
    k8s::ManifestSet set;
    k8s::load_text(set, text, path);
    for (const auto& w : opt.with) k8s::load_file(set, w, w);
    read_manifests(s, set, want);
    return s;
  }
  s.kind = "env";
  read_dotenv(s, text);
  return s;
}

// ---- source scan ----

std::vector<SourceRead> scan_source(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw InputError(dir.string() + ": --source expects a directory");
  static const std::regex re(
      R"re(process\.env\.([A-Za-z_][A-Za-z0-9_]*)|process\.env\[\s*['"]([^'"]+)['"]\s*\]|os\.environ\[\s*['"]([^'"]+)['"]\s*\]|os\.environ\.get\(\s*['"]([^'"]+)['"]|os\.getenv\(\s*['"]([^'"]+)['"]|System\.getenv\(\s*"([^"]+)"\s*\)|os\.Getenv\(\s*"([^"]+)"\s*\)|os\.LookupEnv\(\s*"([^"]+)"\s*\)|ENV\[\s*['"]([^'"]+)['"]\s*\]|ENV\.fetch\(\s*['"]([^'"]+)['"])re");
  static const std::set<std::string> exts = {".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".py", ".java", ".kt",
                                             ".go", ".rb", ".scala", ".groovy"};
  static const std::set<std::string> skip_dirs = {"node_modules", ".git", "vendor", "venv", ".venv", "__pycache__",
                                                  "dist", "build", "target", ".tox"};
  std::vector<SourceRead> out;
  std::set<std::string> seen;
  std::filesystem::recursive_directory_iterator it(dir, std::filesystem::directory_options::skip_permission_denied, ec), end;
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    const auto& p = it->path();
    if (it->is_directory(ec)) {
      if (skip_dirs.count(p.filename().string())) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || !exts.count(p.extension().string())) continue;
    if (it->file_size(ec) > 2 * 1024 * 1024) continue;
    std::ifstream in(p, std::ios::binary);
    std::string line;
    int n = 0;
    bool go_or_java = p.extension() == ".go" || p.extension() == ".java" || p.extension() == ".kt";
    while (std::getline(in, line)) {
      ++n;
      if (line.size() > 4096) continue;
      for (auto m = std::sregex_iterator(line.begin(), line.end(), re); m != std::sregex_iterator(); ++m) {
        std::string name;
        size_t group = 0;
        for (size_t g = 1; g < m->size(); ++g)
          if ((*m)[g].matched) {
            name = (*m)[g].str();
            group = g;
            break;
          }
        if (name.empty() || seen.count(name)) continue;
        if ((group == 6 || group == 7 || group == 8) && !go_or_java) continue;
        std::string rest = line.substr(static_cast<size_t>(m->position(0) + m->length(0)));
        bool def = false;
        // A default beside the read: get('X', 'd'), getenv("X", "d"), fetch('X', d), process.env.X || 'd', ?? 'd'.
        size_t a = rest.find_first_not_of(" \t'\"");
        if (group == 4 || group == 5 || group == 10) def = a != std::string::npos && rest[a] == ',';
        if (group == 1 || group == 2) {
          auto b = rest.find_first_not_of(" \t");
          def = b != std::string::npos && (rest.compare(b, 2, "||") == 0 || rest.compare(b, 2, "??") == 0);
        }
        if (group == 8) def = true;  // LookupEnv: the code handles absence
        if (group == 10 && rest.find('{') != std::string::npos) def = true;  // fetch with a block
        seen.insert(name);
        out.push_back({name, p.string(), n, def});
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.name < y.name; });
  return out;
}

// ---- comparison ----

Result compare(const EnvSet& a, const EnvSet& b, const std::vector<SourceRead>* source) {
  Result r;
  auto loc = [](Finding& f, const EnvSet& s, const Var* v) {
    f.location.file = s.file;
    if (v && v->line) {
      f.location.line = v->line;
      f.location.column = 1;
    }
    if (!s.resource.empty()) f.location.resource = s.resource;
    if (!s.container.empty()) f.location.container = s.container;
    if (v && !v->field.empty()) f.location.field = v->field;
  };
  auto missing = [&](const EnvSet& has, const EnvSet& lacks, const Var& v) {
    Finding f;
    f.rule = kMissing.id;
    loc(f, has, &v);
    f.evidence = v.name + "=" + fmt_value(v) + " in " + has.label + "; not set in " + lacks.label;
    f.message = v.name + " is set in " + has.label + " but not in " + lacks.label;
    f.root_cause = "The variable is injected in one environment only; the app sees it unset in the other.";
    std::string val = v.secret || !v.value ? "VALUE" : *v.value;
    if (lacks.kind == "manifest" || lacks.kind == "pod")
      f.fix = "env:\n  - name: " + v.name +
              (v.secret ? "\n    valueFrom:\n      secretKeyRef: {name: app-secrets, key: " + v.name + "}"
                        : "\n    value: \"" + val + "\"");
    else if (lacks.kind == "docker-inspect")
      f.fix = "docker run -e " + v.name + "=" + (v.secret ? std::string("VALUE") : val) + " ...";
    else
      f.fix = v.name + "=" + (v.secret ? std::string("VALUE") : val) + "   # in " + lacks.file;
    f.tags = {"env"};
    r.findings.push_back(std::move(f));
  };
  for (const auto& v : a.vars) {
    const Var* o = b.find(v.name);
    if (!o) {
      r.missing_in_b.push_back(v.name);
      missing(a, b, v);
      continue;
    }
    if (v.value && o->value && *v.value != *o->value) {
      r.different.push_back(v.name);
      Finding f;
      f.rule = kDiffers.id;
      loc(f, b, o);
      bool secret = v.secret || o->secret;
      f.evidence = a.label + ": " + v.name + "=" + fmt_value(v) + "; " + b.label + ": " + v.name + "=" + fmt_value(*o);
      f.message = v.name + " differs: " + (secret ? "secret values differ" : fmt_value(v) + " vs " + fmt_value(*o));
      f.root_cause = "The two environments give the variable different values.";
      f.fix = "Check that the difference is intended";
      f.tags = {"env"};
      if (secret) f.tags.push_back("secret");
      r.findings.push_back(std::move(f));
    } else if (v.value && o->value) {
      r.same.push_back(v.name);
    }
  }
  for (const auto& v : b.vars)
    if (!a.find(v.name)) {
      r.missing_in_a.push_back(v.name);
      missing(b, a, v);
    }
  for (const EnvSet* s : {&a, &b})
    for (const auto& v : s->vars) {
      if (!v.value || !kb::points_at_loopback(*v.value)) continue;
      // Listen addresses (HOST=127.0.0.1 for a server's own bind) are not dependencies.
      if (v.name == "HOST" || v.name == "BIND" || v.name == "LISTEN" || v.name.find("BIND_ADDR") != std::string::npos ||
          v.name.find("LISTEN") != std::string::npos || v.name == "NO_PROXY" || v.name == "no_proxy")
        continue;
      Finding f;
      f.rule = kLocalhost.id;
      loc(f, *s, &v);
      f.evidence = v.name + "=\"" + shown(v) + "\" in " + s->label;
      f.message = v.name + " points at localhost in " + s->label +
                  ": inside a container that is the container itself, not the service";
      f.root_cause = "A dependency's address on the loopback works on a laptop where everything runs on one host; in a "
                     "container or pod nothing listens there.";
      f.fix = v.name + "=" + "SERVICE.NAMESPACE.svc.cluster.local   # the Service name (or the compose service name)";
      f.tags = {"env", "localhost"};
      r.findings.push_back(std::move(f));
    }
  for (const EnvSet* s : {&a, &b})
    for (const auto& p : s->problems) {
      Finding f;
      f.rule = kUnresolved.id;
      f.severity = p.missing_object_given ? Severity::error : Severity::info;
      f.location.file = s->file;
      f.location.line = p.line;
      f.location.resource = s->resource;
      f.location.container = s->container;
      f.location.field = p.field;
      f.evidence = p.field;
      f.message = p.message;
      f.root_cause = p.missing_object_given ? "The reference is not optional and the object lacks the key."
                                            : "The object is not among the files given, so its values cannot be compared.";
      f.fix = p.missing_object_given ? "Add the key to the object, or set optional: true on the reference"
                                     : "drydock envdiff A B --with configmaps.yaml";
      f.tags = {"env", "k8s"};
      r.findings.push_back(std::move(f));
    }
  if (source) {
    for (const auto& sr : *source) {
      // Variables the OS or the container runtime sets (knowledge/build_env.h).
      const kb::DefaultVar* os = kb::default_var(sr.name);
      if (a.find(sr.name) || b.find(sr.name) || (os && os->process)) continue;
      r.unprovided.push_back(sr);
      Finding f;
      f.rule = kUnprovided.id;
      f.severity = sr.has_default ? Severity::info : Severity::warning;
      f.location.file = sr.file;
      f.location.line = sr.line;
      f.location.column = 1;
      f.evidence = sr.file + ":" + std::to_string(sr.line) + " reads " + sr.name + (sr.has_default ? " (with a default)" : "");
      f.message = "the code reads " + sr.name + ", which neither " + a.label + " nor " + b.label + " sets" +
                  (sr.has_default ? " (the code has a default)" : "");
      f.root_cause = sr.has_default ? "The default applies in both environments; make sure it is right for production."
                                    : "The variable is unset in both environments: the code that needs it fails.";
      f.fix = "env:\n  - name: " + sr.name + "\n    value: VALUE";
      f.tags = {"env", "source"};
      r.findings.push_back(std::move(f));
    }
  }
  // Secret values never leave in clear, whatever field a message carries.
  std::vector<std::string> secret_values;
  for (const EnvSet* s : {&a, &b})
    for (const auto& v : s->vars)
      if (v.value && v.value->size() >= 4) {
        auto [pb, pe] = secrets::url_password(*v.value);
        if (pb != std::string::npos) {
          if (pe - pb >= 3) secret_values.push_back(v.value->substr(pb, pe - pb));
        } else if (v.secret) {
          secret_values.push_back(*v.value);
        }
      }
  std::sort(secret_values.begin(), secret_values.end(), [](auto& x, auto& y) { return x.size() > y.size(); });
  for (auto& f : r.findings)
    for (const auto& sv : secret_values)
      for (std::string* t : {&f.message, &f.evidence, &f.fix, &f.root_cause}) *t = redact_in(*t, sv);
  return r;
}

}  // namespace dd::envdiff
