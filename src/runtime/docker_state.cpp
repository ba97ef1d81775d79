// docker inspect JSON -> ContainerState. See docker_state.h.
#include "runtime/docker_state.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace dd::runtime {
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
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

int64_t num(const json& j, const char* key) {
  const json* v = member(j, key);
  if (!v) return 0;
  if (v->is_number_integer()) return v->get<int64_t>();
  if (v->is_number()) return static_cast<int64_t>(v->get<double>());
  return 0;
}

bool flag(const json& j, const char* key) {
  const json* v = member(j, key);
  return v && v->is_boolean() && v->get<bool>();
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  const json* v = member(j, key);
  if (!v) return out;
  if (v->is_string()) {
    out.push_back(v->get<std::string>());
  } else if (v->is_array()) {
    for (const auto& e : *v)
      if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

std::vector<std::string> keys(const json& j, const char* key) {
  std::vector<std::string> out;
  const json* v = member(j, key);
  if (v && v->is_object())
    for (auto it = v->begin(); it != v->end(); ++it) out.push_back(it.key());
  return out;
}

std::optional<Healthcheck> healthcheck(const json& config) {
  const json* h = member(config, "Healthcheck");
  if (!h || !h->is_object()) return std::nullopt;
  Healthcheck hc;
  hc.test = strings(*h, "Test");
  hc.interval_ns = num(*h, "Interval");
  hc.retries = static_cast<int>(num(*h, "Retries"));
  if (hc.test.empty()) return std::nullopt;
  return hc;
}

ImageConfig image_config(const json& img) {
  ImageConfig ic;
  ic.known = true;
  ic.id = str(img, "Id");
  ic.architecture = normalize_arch(str(img, "Architecture"));
  ic.os = str(img, "Os");
  ic.variant = str(img, "Variant");
  const json* cfg = member(img, "Config");
  if (cfg && cfg->is_object()) {
    ic.user = str(*cfg, "User");
    ic.cmd = strings(*cfg, "Cmd");
    ic.entrypoint = strings(*cfg, "Entrypoint");
    ic.env = strings(*cfg, "Env");
    ic.healthcheck = healthcheck(*cfg);
    ic.exposed_ports = keys(*cfg, "ExposedPorts");
  }
  return ic;
}

}  // namespace

bool is_container_inspect(const json& j) {
  return j.is_object() && member(j, "State") && member(j, "State")->is_object() && member(j, "Config");
}

bool is_image_inspect(const json& j) {
  return j.is_object() && !member(j, "State") && member(j, "RootFS") && member(j, "Id");
}

ContainerState from_docker_inspect(const json& c, const json* image) {
  ContainerState s;
  s.id = str(c, "Id");
  s.name = str(c, "Name");
  if (!s.name.empty() && s.name[0] == '/') s.name.erase(0, 1);
  s.image_id = str(c, "Image");
  s.restart_count = static_cast<int>(num(c, "RestartCount"));
  if (const json* st = member(c, "State"); st && st->is_object()) {
    s.status = str(*st, "Status");
    s.running = flag(*st, "Running");
    s.restarting = flag(*st, "Restarting");
    s.dead = flag(*st, "Dead");
    s.oom_killed = flag(*st, "OOMKilled");
    if (const json* e = member(*st, "ExitCode"); e && e->is_number()) s.exit_code = static_cast<int>(num(*st, "ExitCode"));
    s.error = str(*st, "Error");
    s.started_at = str(*st, "StartedAt");
    s.finished_at = str(*st, "FinishedAt");
    auto a = parse_time(s.started_at), b = parse_time(s.finished_at);
    // Clocks of the runtime and the daemon may disagree by a few ms: clamp at 0.
    if (a && b && *b >= *a - 1.0) s.uptime_seconds = std::max(0.0, *b - *a);
    if (const json* h = member(*st, "Health"); h && h->is_object()) {
      s.health_status = str(*h, "Status");
      s.failing_streak = static_cast<int>(num(*h, "FailingStreak"));
      if (const json* log = member(*h, "Log"); log && log->is_array())
        for (const auto& p : *log) {
          if (!p.is_object()) continue;
          s.health_log.push_back({static_cast<int>(num(p, "ExitCode")), str(p, "Output"), str(p, "Start")});
        }
    }
  }
  if (const json* hc = member(c, "HostConfig"); hc && hc->is_object()) {
    s.memory_limit = num(*hc, "Memory");
    s.nano_cpus = num(*hc, "NanoCpus");
    s.cpu_quota = num(*hc, "CpuQuota");
    s.cpu_period = num(*hc, "CpuPeriod");
    s.readonly_rootfs = flag(*hc, "ReadonlyRootfs");
    if (const json* t = member(*hc, "Tmpfs"); t && t->is_object())
      for (auto it = t->begin(); it != t->end(); ++it)
        s.tmpfs[it.key()] = it->is_string() ? it->get<std::string>() : std::string();
    if (const json* rp = member(*hc, "RestartPolicy"); rp && rp->is_object()) s.restart_policy = str(*rp, "Name");
  }
  if (const json* ms = member(c, "Mounts"); ms && ms->is_array())
    for (const auto& m : *ms) {
      if (!m.is_object()) continue;
      Mount mt{str(m, "Source"), str(m, "Destination"), str(m, "Type"), true};
      if (const json* rw = member(m, "RW"); rw && rw->is_boolean()) mt.rw = rw->get<bool>();
      s.mounts.push_back(std::move(mt));
    }
  if (const json* cfg = member(c, "Config"); cfg && cfg->is_object()) {
    s.env = strings(*cfg, "Env");
    s.cmd = strings(*cfg, "Cmd");
    s.entrypoint = strings(*cfg, "Entrypoint");
    s.user = str(*cfg, "User");
    s.working_dir = str(*cfg, "WorkingDir");
    s.healthcheck = healthcheck(*cfg);
    s.exposed_ports = keys(*cfg, "ExposedPorts");
    s.tty = flag(*cfg, "Tty");
    s.image = str(*cfg, "Image");
  }
  if (image && image->is_object()) s.image_config = image_config(*image);
  return s;
}

std::vector<ContainerState> read_inspect_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string() + ": cannot read the file");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    // Say where the JSON breaks.
    try {
      json probe = json::parse(text);
      (void)probe;
    } catch (const json::parse_error& e) {
      throw InputError(file.string() + ": malformed JSON at byte " + std::to_string(e.byte) +
                       "; expected the output of docker inspect");
    }
    throw InputError(file.string() + ": malformed JSON; expected the output of docker inspect");
  }
  std::vector<const json*> containers, images;
  auto take = [&](const json& o) {
    if (is_container_inspect(o)) containers.push_back(&o);
    else if (is_image_inspect(o)) images.push_back(&o);
  };
  if (j.is_array()) {
    for (const auto& o : j) take(o);
  } else {
    take(j);
  }
  if (containers.empty()) {
    if (j.is_object() && j.value("kind", "") == "Pod")
      throw InputError(file.string() + ": Kubernetes pod JSON is not supported by diagnose yet; give docker inspect output");
    throw InputError(file.string() + ": no container found; expected the output of docker inspect CONTAINER");
  }
  std::vector<ContainerState> out;
  for (const json* c : containers) {
    const json* img = nullptr;
    std::string want = str(*c, "Image");
    for (const json* i : images)
      if (str(*i, "Id") == want) img = i;
    if (!img && images.size() == 1 && containers.size() == 1) img = images[0];
    out.push_back(from_docker_inspect(*c, img));
  }
  return out;
}

// ---- ContainerState helpers ----

std::string Healthcheck::command() const {
  std::string out;
  size_t start = (!test.empty() && (test[0] == "CMD" || test[0] == "CMD-SHELL")) ? 1 : 0;
  for (size_t i = start; i < test.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += test[i];
  }
  return out;
}

std::optional<std::string> ContainerState::env_value(const std::string& n) const {
  for (auto* list : {&env, &image_config.env})
    for (const auto& e : *list)
      if (e.size() > n.size() && e.compare(0, n.size(), n) == 0 && e[n.size()] == '=') return e.substr(n.size() + 1);
  return std::nullopt;
}

std::string ContainerState::effective_user() const { return !user.empty() ? user : image_config.user; }

bool ContainerState::runs_as_root() const {
  std::string u = effective_user();
  std::string name = u.substr(0, u.find(':'));
  return name.empty() || name == "root" || name == "0";
}

std::string ContainerState::command_line() const {
  std::string out;
  for (auto* part : {&entrypoint, &cmd})
    for (const auto& a : *part) {
      if (!out.empty()) out += ' ';
      out += a;
    }
  return out;
}

const Healthcheck* ContainerState::effective_healthcheck() const {
  if (healthcheck) return &*healthcheck;
  if (image_config.healthcheck) return &*image_config.healthcheck;
  return nullptr;
}

std::string ContainerState::label() const {
  if (!name.empty()) return name;
  return id.substr(0, 12);
}

std::string normalize_arch(const std::string& a) {
  if (a == "x86_64" || a == "x86-64") return "amd64";
  if (a == "aarch64" || a == "arm64v8") return "arm64";
  if (a == "armv7l" || a == "armhf") return "arm";
  if (a == "i386" || a == "i686") return "386";
  return a;
}

std::string human_bytes(int64_t b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(b);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  if (v == static_cast<int64_t>(v)) std::snprintf(buf, sizeof buf, "%lld%s", static_cast<long long>(v), units[u]);
  else std::snprintf(buf, sizeof buf, "%.1f%s", v, units[u]);
  return buf;
}

std::optional<double> parse_time(const std::string& t) {
  // 2024-05-01T10:00:00.123456789Z or with +02:00
  if (t.size() < 19 || t.rfind("0001-01-01", 0) == 0) return std::nullopt;
  std::tm tm{};
  int y, mo, d, h, mi, s;
  if (std::sscanf(t.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6) return std::nullopt;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  double secs = static_cast<double>(timegm(&tm));
  size_t pos = 19;
  if (pos < t.size() && t[pos] == '.') {
    double scale = 0.1;
    for (++pos; pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos])); ++pos) {
      secs += (t[pos] - '0') * scale;
      scale /= 10;
    }
  }
  if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
    int oh = 0, om = 0;
    if (std::sscanf(t.c_str() + pos + 1, "%2d:%2d", &oh, &om) == 2) {
      double off = oh * 3600.0 + om * 60.0;
      secs += t[pos] == '+' ? -off : off;
    }
  }
  return secs;
}

}  // namespace dd::runtime
