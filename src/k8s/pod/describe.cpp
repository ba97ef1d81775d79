// `kubectl describe pod` text -> Pod. kubectl prints "Key:  value" lines
// through a tabwriter, nesting by two spaces: the pod's fields at column 0,
// each container at 2, its fields at 4 and their details at 6. The Events
// table's columns are aligned under its header.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <regex>

#include "k8s/pod/pod.h"
#include "knowledge/quantity.h"

namespace dd::k8s::pod {
namespace {

struct Line {
  int number = 0;
  int indent = 0;
  std::string text;  // without the indent and trailing spaces/CR
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> out;
  size_t pos = 0;
  int n = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    ++n;
    Line line;
    line.number = n;
    size_t i = 0;
    int indent = 0;
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) {
      indent += l[i] == '\t' ? 8 : 1;
      ++i;
    }
    std::string t(l.substr(i));
    while (!t.empty() && (t.back() == '\r' || t.back() == ' ' || t.back() == '\t')) t.pop_back();
    line.indent = indent;
    line.text = std::move(t);
    out.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

// "Key:  value" -> key, value; false when the line has no "key:" head.
bool key_value(const std::string& t, std::string& key, std::string& value) {
  size_t colon = std::string::npos;
  for (size_t i = 0; i < t.size(); ++i)
    if (t[i] == ':' && (i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == '\t')) {
      colon = i;
      break;
    }
  if (colon == std::string::npos || colon == 0) return false;
  key = t.substr(0, colon);
  size_t v = t.find_first_not_of(" \t", colon + 1);
  value = v == std::string::npos ? std::string() : t.substr(v);
  return true;
}

// "Tue, 01 Dec 2026 10:05:00 +0000" (RFC 1123 with a numeric zone) -> RFC 3339.
std::string rfc3339(const std::string& t) {
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char wd[8] = {}, mon[8] = {}, zone[8] = {};
  int d = 0, y = 0, h = 0, mi = 0, s = 0;
  if (std::sscanf(t.c_str(), "%3s, %d %3s %d %d:%d:%d %6s", wd, &d, mon, &y, &h, &mi, &s, zone) < 7) return t;
  int m = -1;
  for (int i = 0; i < 12; ++i)
    if (std::string(mon) == months[i]) m = i + 1;
  if (m < 0) return t;
  char buf[64];
  std::string z = zone;
  std::string off = "Z";
  if (z.size() == 5 && (z[0] == '+' || z[0] == '-') && z != "+0000" && z != "-0000")
    off = z.substr(0, 3) + ":" + z.substr(3);
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, h, mi, s);
  return std::string(buf) + off;
}

const std::regex& probe_re() {
  static const std::regex re(
      R"(^(http-get|tcp-socket|exec|grpc)\s+(.*?)\s+delay=(\d+)s\s+timeout=(\d+)s\s+period=(\d+)s\s+(?:#success|successThreshold)=(\d+)\s+(?:#failure|failureThreshold)=(\d+))");
  return re;
}

void read_probe(Container& c, const std::string& kind, const std::string& value) {
  Probe p;
  p.kind = kind;
  p.text = value;
  p.field = c.spec_path + "." + kind + "Probe";
  std::smatch m;
  if (std::regex_search(value, m, probe_re())) {
    p.handler = m[1].str();
    std::string target = m[2].str();
    p.initial_delay = std::stoi(m[3].str().substr(0, 6));
    p.timeout = std::stoi(m[4].str().substr(0, 6));
    p.period = std::stoi(m[5].str().substr(0, 6));
    p.failure_threshold = std::stoi(m[7].str().substr(0, 6));
    if (p.handler == "http-get") {
      // http://:8080/healthz or https://10.0.0.1:probe-port/livez
      static const std::regex url(R"(^https?://[^:/]*:([^/]+)(/.*)?$)");
      std::smatch u;
      if (std::regex_match(target, u, url)) {
        p.port = u[1].str();
        p.path = u[2].str();
      }
    } else if (p.handler == "tcp-socket" || p.handler == "grpc") {
      auto colon = target.rfind(':');
      if (colon != std::string::npos) p.port = target.substr(colon + 1);
    }
  } else {
    auto sp = value.find(' ');
    p.handler = value.substr(0, sp);
  }
  c.probes.push_back(std::move(p));
}

// "<set to the key 'DB_URL' of config map 'app-config'>  Optional: false"
// "<set to the key 'password' in secret 'db'>  Optional: false"
bool env_ref(const std::string& var, const std::string& value, Container& c, int index) {
  static const std::regex cm(R"(^<set to the key '([^']*)' of config map '([^']*)'>(?:\s+Optional:\s+(true|false))?)");
  static const std::regex sec(R"(^<set to the key '([^']*)' in secret '([^']*)'>(?:\s+Optional:\s+(true|false))?)");
  std::smatch m;
  EnvRef r;
  r.var = var;
  std::string path = c.spec_path + ".env[" + std::to_string(index) + "].valueFrom.";
  if (std::regex_search(value, m, cm)) {
    r.kind = "configMap";
    r.field = path + "configMapKeyRef";
  } else if (std::regex_search(value, m, sec)) {
    r.kind = "secret";
    r.field = path + "secretKeyRef";
  } else {
    return false;
  }
  r.key = m[1].str();
  r.object = m[2].str();
  r.optional = m[3].str() == "true";
  c.refs.push_back(r);
  c.state.env.push_back(var + "=<from " + std::string(r.kind == "secret" ? "secret " : "configmap ") + r.object +
                        " key " + r.key + ">");
  return true;
}

struct EventColumns {
  std::vector<std::pair<std::string, size_t>> cols;  // name, start
  bool tabs = false;
};

std::vector<std::string> cells(const std::string& raw, const EventColumns& ec) {
  std::vector<std::string> out;
  if (ec.tabs) {
    size_t pos = 0;
    while (true) {
      size_t t = raw.find('\t', pos);
      std::string c = raw.substr(pos, t == std::string::npos ? std::string::npos : t - pos);
      while (!c.empty() && c.back() == ' ') c.pop_back();
      while (!c.empty() && c.front() == ' ') c.erase(0, 1);
      out.push_back(c);
      if (t == std::string::npos) break;
      pos = t + 1;
    }
    while (out.size() > ec.cols.size() && ec.cols.size() > 0) {  // message with tabs
      out[out.size() - 2] += " " + out.back();
      out.pop_back();
    }
    return out;
  }
  for (size_t i = 0; i < ec.cols.size(); ++i) {
    size_t a = ec.cols[i].second;
    size_t b = i + 1 < ec.cols.size() ? ec.cols[i + 1].second : std::string::npos;
    std::string c = a < raw.size() ? raw.substr(a, b == std::string::npos ? std::string::npos : b - a) : "";
    while (!c.empty() && (c.back() == ' ' || c.back() == '\r')) c.pop_back();
    while (!c.empty() && c.front() == ' ') c.erase(0, 1);
    out.push_back(c);
  }
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& file) : raw_(text), file_(file), lines_(split_lines(text)) {}

  std::vector<Pod> run() {
    std::vector<Pod> pods;
    size_t i = 0;
    while (i < lines_.size()) {
      if (lines_[i].indent == 0 && lines_[i].text.rfind("Name:", 0) == 0) {
        size_t end = i + 1;
        while (end < lines_.size() && !(lines_[end].indent == 0 && lines_[end].text.rfind("Name:", 0) == 0)) ++end;
        pods.push_back(pod(i, end));
        i = end;
      } else {
        ++i;
      }
    }
    return pods;
  }

 private:
  std::string_view raw_;
  std::string file_;
  std::vector<Line> lines_;
  std::vector<std::string> raw_lines_;

  std::string raw_line(size_t i) {
    if (raw_lines_.empty()) {
      size_t pos = 0;
      while (pos <= raw_.size()) {
        size_t nl = raw_.find('\n', pos);
        raw_lines_.emplace_back(raw_.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
      }
    }
    return i < raw_lines_.size() ? raw_lines_[i] : std::string();
  }

  Pod pod(size_t begin, size_t end) {
    Pod p;
    p.file = file_;
    p.from_describe = true;
    std::string section;
    for (size_t i = begin; i < end; ++i) {
      const Line& l = lines_[i];
      if (l.text.empty()) continue;
      std::string key, value;
      if (l.indent == 0) {
        if (!key_value(l.text, key, value)) continue;
        section.clear();
        if (key == "Name") p.name = value;
        else if (key == "Namespace") p.namespace_ = value;
        else if (key == "Node") p.node = value.substr(0, value.find('/'));
        else if (key == "Status") p.phase = value;
        else if (key == "Reason") p.reason = value, p.lines["status.reason"] = l.number;
        else if (key == "Message") p.message = value, p.lines["status.message"] = l.number;
        else if (key == "Controlled By") {
          auto slash = value.find('/');
          if (slash != std::string::npos) {
            p.owner_kind = value.substr(0, slash);
            p.owner_name = value.substr(slash + 1);
          }
        } else if (key == "Containers" || key == "Init Containers") {
          section = key;
          p.has_spec = true;
          i = containers(p, i + 1, end, key == "Init Containers") - 1;
        } else if (key == "Conditions") {
          i = conditions(p, i + 1, end) - 1;
        } else if (key == "Volumes") {
          i = volumes(p, i + 1, end) - 1;
        } else if (key == "Events") {
          if (value != "<none>") i = events(p, i + 1, end) - 1;
        }
      }
    }
    // Mount types from the volumes.
    for (auto& c : p.containers)
      for (auto& m : c.state.mounts)
        for (const auto& v : p.volumes)
          if (v.name == m.source) {
            m.type = v.kind;
            if (v.kind == "emptyDir(Memory)") c.state.tmpfs[m.destination] = "";
          }
    return p;
  }

  size_t containers(Pod& p, size_t i, size_t end, bool init) {
    int index = 0;
    Container* c = nullptr;
    std::string field;   // the container field being read (State, Limits, ...)
    int env_index = 0;
    while (i < end) {
      const Line& l = lines_[i];
      if (l.text.empty()) {
        ++i;
        continue;
      }
      if (l.indent == 0) break;
      std::string key, value;
      if (l.indent <= 2) {
        if (!key_value(l.text, key, value) || !value.empty()) {
          ++i;
          continue;
        }
        Container k;
        k.name = key;
        k.init = init;
        k.index = index++;
        k.spec_path = std::string(init ? "spec.initContainers" : "spec.containers") + "[?(@.name==\"" + key + "\")]";
        k.status_path =
            std::string(init ? "status.initContainerStatuses" : "status.containerStatuses") + "[?(@.name==\"" + key + "\")]";
        k.state.name = key;
        k.state.source = "k8s";
        p.containers.push_back(std::move(k));
        c = &p.containers.back();
        field.clear();
        ++i;
        continue;
      }
      if (!c) {
        ++i;
        continue;
      }
      if (l.indent <= 4) {
        field.clear();
        if (!key_value(l.text, key, value)) {
          ++i;
          continue;
        }
        field = key;
        if (key == "Image") c->image = c->state.image = value;
        else if (key == "Image ID") c->state.image_id = value;
        else if (key == "Container ID") c->state.id = value;
        else if (key == "Port" || key == "Ports") {
          size_t pos = 0;
          while (pos < value.size()) {
            size_t comma = value.find(',', pos);
            std::string one = value.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
            while (!one.empty() && one.front() == ' ') one.erase(0, 1);
            one = one.substr(0, one.find(' '));
            if (!one.empty() && one != "<none>" && std::isdigit(static_cast<unsigned char>(one[0]))) {
              c->ports.push_back(one);
              std::string lower = one;
              std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
              c->state.exposed_ports.push_back(lower);
            }
            if (comma == std::string::npos) break;
            pos = comma + 1;
          }
        } else if (key == "State" || key == "Last State") {
          ContainerStatusInfo& s = key == "State" ? c->current : c->last;
          c->has_status = true;
          std::string v = value;
          std::transform(v.begin(), v.end(), v.begin(), ::tolower);
          s.state = v;
          s.path = c->status_path + (key == "State" ? ".state." : ".lastState.") + v;
          c->lines[s.path] = l.number;
        } else if (key == "Ready") c->ready = value == "True";
        else if (key == "Restart Count") {
          c->restart_count = std::atoi(value.substr(0, 9).c_str());
          c->lines[c->status_path + ".restartCount"] = l.number;
        } else if (key == "Liveness" || key == "Readiness" || key == "Startup") {
          std::string kind = key == "Liveness" ? "liveness" : key == "Readiness" ? "readiness" : "startup";
          read_probe(*c, kind, value);
          c->lines[c->spec_path + "." + kind + "Probe"] = l.number;
        } else if (key == "Environment") {
          env_index = 0;
        }
        ++i;
        continue;
      }
      // Details of `field` (indent 6 and more).
      const std::string& t = l.text;
      if (field == "State" || field == "Last State") {
        ContainerStatusInfo& s = field == "State" ? c->current : c->last;
        if (key_value(t, key, value)) {
          if (key == "Reason") {
            s.reason = value;
            c->lines[s.path + ".reason"] = l.number;
          } else if (key == "Message") {
            s.message = value;
            c->lines[s.path + ".message"] = l.number;
          } else if (key == "Exit Code") {
            s.exit_code = std::atoi(value.substr(0, 9).c_str());
            c->lines[s.path + ".exitCode"] = l.number;
          } else if (key == "Started") s.started_at = rfc3339(value);
          else if (key == "Finished") s.finished_at = rfc3339(value);
        } else if (!s.message.empty()) {
          s.message += " " + t;  // a message that wraps
        }
      } else if (field == "Command" || field == "Args") {
        (field == "Command" ? c->state.entrypoint : c->state.cmd).push_back(t);
      } else if (field == "Limits" || field == "Requests") {
        if (key_value(t, key, value)) {
          if (key == "memory") (field == "Limits" ? c->memory_limit_text : c->memory_request_text) = value;
          if (key == "cpu") (field == "Limits" ? c->cpu_limit_text : c->cpu_request_text) = value;
          if (key == "memory" && field == "Limits") c->lines[c->spec_path + ".resources.limits.memory"] = l.number;
        }
      } else if (field == "Environment") {
        if (key_value(t, key, value)) {
          if (!env_ref(key, value, *c, env_index)) {
            // "POD_NAME:  (v1:metadata.name)" is a fieldRef; keep literal values.
            if (value.size() > 4 && value.front() == '(' && value.find("v1:") == 1) {
              c->state.env.push_back(key + "=<from " + value.substr(1, value.size() - 2) + ">");
            } else {
              c->state.env.push_back(key + "=" + value);
            }
          }
          c->lines[c->spec_path + ".env[" + std::to_string(env_index) + "]"] = l.number;
          ++env_index;
        }
      } else if (field == "Environment Variables from") {
        // "app-config  ConfigMap  Optional: false"
        static const std::regex re(R"(^(\S+)\s+(ConfigMap|Secret)(?:\s+Optional:\s+(true|false))?)");
        std::smatch m;
        if (std::regex_search(t, m, re)) {
          EnvRef r;
          r.kind = m[2].str() == "Secret" ? "secret" : "configMap";
          r.object = m[1].str();
          r.optional = m[3].str() == "true";
          r.field = c->spec_path + ".envFrom[?(@." + (r.kind == "secret" ? "secretRef" : "configMapRef") +
                    ".name==\"" + r.object + "\")]";
          c->refs.push_back(r);
        }
      } else if (field == "Mounts") {
        // "/tmp from tmp (rw)", "/etc/app from config (ro,path="app.yaml")"
        static const std::regex re(R"(^(\S+) from (\S+) \((r[ow])[^)]*\))");
        std::smatch m;
        if (std::regex_search(t, m, re)) {
          runtime::Mount mt;
          mt.destination = m[1].str();
          mt.source = m[2].str();
          mt.rw = m[3].str() == "rw";
          c->state.mounts.push_back(std::move(mt));
        }
      }
      ++i;
    }
    for (auto& k : p.containers) {
      if (auto mem = kb::parse_memory(k.memory_limit_text)) k.state.memory_limit = *mem;
    }
    return i;
  }

  size_t conditions(Pod& p, size_t i, size_t end) {
    while (i < end && (lines_[i].indent > 0 || lines_[i].text.empty())) {
      const std::string& t = lines_[i].text;
      std::vector<std::string> w;
      size_t pos = 0;
      while (pos < t.size()) {
        size_t a = t.find_first_not_of(" \t", pos);
        if (a == std::string::npos) break;
        size_t b = t.find_first_of(" \t", a);
        w.push_back(t.substr(a, b == std::string::npos ? std::string::npos : b - a));
        pos = b == std::string::npos ? t.size() : b;
      }
      if (w.size() >= 2 && w[0] != "Type" && w[0].find("---") == std::string::npos)
        p.conditions.push_back({w[0], w[1], w.size() > 2 ? w[2] : "", ""});
      ++i;
    }
    return i;
  }

  size_t volumes(Pod& p, size_t i, size_t end) {
    Volume* v = nullptr;
    while (i < end && (lines_[i].indent > 0 || lines_[i].text.empty())) {
      const Line& l = lines_[i];
      std::string key, value;
      if (!l.text.empty() && key_value(l.text, key, value)) {
        if (l.indent <= 2 && value.empty()) {
          p.volumes.push_back({key, "", "", "spec.volumes[?(@.name==\"" + key + "\")]"});
          v = &p.volumes.back();
        } else if (v && key == "Type") {
          std::string kind = value.substr(0, value.find(' '));
          v->kind = kind == "ConfigMap"               ? "configMap"
                    : kind == "Secret"                ? "secret"
                    : kind == "PersistentVolumeClaim" ? "persistentVolumeClaim"
                    : kind == "EmptyDir"              ? "emptyDir"
                    : kind == "Projected"             ? "projected"
                    : kind == "HostPath"              ? "hostPath"
                                                      : kind;
          v->field += "." + v->kind;
        } else if (v && (key == "Name" || key == "SecretName" || key == "ClaimName") && v->object.empty() &&
                   v->kind != "projected") {
          v->object = value;
        } else if (v && key == "Medium" && value == "Memory" && v->kind == "emptyDir") {
          v->kind = "emptyDir(Memory)";
        }
      }
      ++i;
    }
    return i;
  }

  size_t events(Pod& p, size_t i, size_t end) {
    EventColumns ec;
    bool have_header = false;
    while (i < end && (lines_[i].indent > 0 || lines_[i].text.empty())) {
      const Line& l = lines_[i];
      if (l.text.empty()) {
        ++i;
        continue;
      }
      std::string raw = raw_line(static_cast<size_t>(l.number - 1));
      while (!raw.empty() && raw.back() == '\r') raw.pop_back();
      if (!have_header) {
        // "  Type     Reason     Age   From   Message" (or the old FirstSeen/LastSeen/Count form)
        ec.tabs = raw.find('\t') != std::string::npos;
        size_t pos = 0;
        if (ec.tabs) {
          size_t start = raw.find_first_not_of(" \t");
          std::string rest = start == std::string::npos ? "" : raw.substr(start);
          size_t q = 0;
          while (q <= rest.size()) {
            size_t t = rest.find('\t', q);
            std::string name = rest.substr(q, t == std::string::npos ? std::string::npos : t - q);
            while (!name.empty() && name.back() == ' ') name.pop_back();
            if (!name.empty()) ec.cols.push_back({name, 0});
            if (t == std::string::npos) break;
            q = t + 1;
          }
        } else {
          while (pos < raw.size()) {
            size_t a = raw.find_first_not_of(' ', pos);
            if (a == std::string::npos) break;
            size_t b = raw.find(' ', a);
            ec.cols.push_back({raw.substr(a, b == std::string::npos ? std::string::npos : b - a), a});
            pos = b == std::string::npos ? raw.size() : b;
          }
        }
        have_header = true;
        ++i;
        continue;
      }
      if (l.text.rfind("----", 0) == 0) {
        ++i;
        continue;
      }
      auto cs = cells(ec.tabs ? raw.substr(raw.find_first_not_of(" \t")) : raw, ec);
      Event e;
      e.file = file_;
      e.line = l.number;
      e.object_kind = "Pod";
      e.object_name = p.name;
      e.object_namespace = p.namespace_;
      for (size_t k = 0; k < ec.cols.size() && k < cs.size(); ++k) {
        const std::string& name = ec.cols[k].first;
        const std::string& v = cs[k];
        if (name == "Type") e.type = v;
        else if (name == "Reason") e.reason = v;
        else if (name == "Message") e.message = v;
        else if (name == "From") e.source = v.substr(0, v.find(','));
        else if (name == "Count") e.count = std::max(1, std::atoi(v.c_str()));
        else if (name == "SubobjectPath" || name == "SubObjectPath") e.field_path = v;
        else if (name == "Age" || name == "LastSeen") {
          e.last_seen = v.substr(0, v.find(' '));
          static const std::regex times(R"(\(x(\d+) over ([^)]+)\))");
          std::smatch m;
          if (std::regex_search(v, m, times)) {
            e.count = std::max(1, std::atoi(m[1].str().substr(0, 9).c_str()));
            e.first_seen = m[2].str();
          }
        } else if (name == "FirstSeen") e.first_seen = v;
      }
      // Newer kubectl prefixes the message with the container's field path.
      if (e.field_path.empty() && e.message.rfind("spec.", 0) == 0) {
        auto colon = e.message.find(": ");
        if (colon != std::string::npos) {
          e.field_path = e.message.substr(0, colon);
          e.message = e.message.substr(colon + 2);
        }
      }
      if (!e.reason.empty()) p.events.push_back(std::move(e));
      ++i;
    }
    return i;
  }
};

}  // namespace

std::vector<Pod> parse_describe(std::string_view text, const std::string& file) { return Parser(text, file).run(); }

}  // namespace dd::k8s::pod
