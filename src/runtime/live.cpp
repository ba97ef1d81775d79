// Live engine diagnosis. See live.h.
#include "runtime/live.h"

#include <chrono>
#include <thread>

#include "core/report.h"

#include "runtime/diagnose.h"
#include "runtime/docker_state.h"
#include "runtime/start_file.h"

namespace dd::runtime {

void fill_host(engine::Client& client, ContainerState& s) {
  static std::string arch, os;
  if (arch.empty()) {
    auto info = client.info();
    if (info.is_object()) {
      if (info.contains("Architecture") && info["Architecture"].is_string())
        arch = normalize_arch(info["Architecture"].get<std::string>());
      if (info.contains("OSType") && info["OSType"].is_string()) os = info["OSType"].get<std::string>();
    }
  }
  s.host_arch = arch;
  s.host_os = os;
}

LiveTarget fetch(engine::Client& client, const std::string& name, int tail) {
  auto c = client.inspect_container(name);
  if (!c) throw InputError("no such container: " + name);
  if (!is_container_inspect(*c)) throw InputError("Docker engine sent an unexpected inspect object for " + name);
  std::optional<nlohmann::json> img;
  if (c->contains("Image") && (*c)["Image"].is_string()) img = client.inspect_image((*c)["Image"].get<std::string>());
  LiveTarget t;
  t.state = from_docker_inspect(*c, img ? &*img : nullptr);
  fill_host(client, t.state);
  read_start_file(client, t.state);
  std::vector<engine::LogLine> lines;
  try {
    lines = client.logs(t.state.id.empty() ? name : t.state.id, tail, t.state.tty, &t.logs_truncated);
  } catch (const engine::ApiError&) {
    // A container whose log driver cannot be read (none, syslog) is still diagnosable.
  }
  if (t.logs_truncated)
    throw InputError("logs of " + name + ": the engine's log stream is truncated (a frame is cut short)");
  int n[3] = {0, 0, 0};
  for (auto& l : lines) {
    int s = l.stream == 2 ? 2 : 1;
    t.logs.lines.push_back({s, ++n[s], std::move(l.text)});
  }
  return t;
}

std::vector<std::string> problem_containers(engine::Client& client) {
  auto list = client.list_containers(true);
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    const auto& c = *it;
    if (!c.is_object()) continue;
    std::string state = c.value("State", ""), status = c.value("Status", "");
    std::string id = c.value("Id", "");
    bool pick = state == "restarting" || state == "dead" || status.find("(unhealthy)") != std::string::npos;
    if (state == "exited") pick = true;
    if (state == "created") {
      // `docker run` that failed to start (exit 126/127) leaves a created container with State.Error.
      auto t = client.inspect_container(id);
      if (!t) continue;
      auto s = from_docker_inspect(*t);
      pick = !s.error.empty() || (s.exit_code && *s.exit_code != 0);
    }
    if (!pick || id.empty()) continue;
    if (state == "exited" && status.rfind("Exited (0)", 0) == 0) {
      // A clean exit is a problem only when the run was short: decide on inspect.
      auto t = client.inspect_container(id);
      if (!t) continue;
      auto s = from_docker_inspect(*t);
      if (s.uptime_seconds && *s.uptime_seconds >= 10.0) continue;
    }
    std::string name = id.substr(0, 12);
    if (c.contains("Names") && c["Names"].is_array() && !c["Names"].empty() && c["Names"][0].is_string()) {
      name = c["Names"][0].get<std::string>();
      if (!name.empty() && name[0] == '/') name.erase(0, 1);
    }
    out.push_back(name);
  }
  return out;
}

std::vector<Finding> diagnose_oom_event(engine::Client& client, const std::string& id, int tail, const CoreSettings* config,
                                        int wait_seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait_seconds);
  for (;;) {
    LiveTarget t = fetch(client, id, tail);
    bool stopped = !t.state.running || t.state.restarting;
    if (stopped || std::chrono::steady_clock::now() >= deadline) {
      auto findings = diagnose(t.state, t.logs, config);
      if (stopped) return findings;
      const ContainerState& s = t.state;
      Finding f;
      f.rule = "DD5006";
      f.location.container = s.label();
      f.location.field = s.fields.memory;
      f.message = "the kernel OOM killer killed a process in container " + s.label() + " (still running)" +
                  (s.memory_limit ? " at its " + human_bytes(s.memory_limit) + " memory limit" : " with no memory limit");
      f.evidence = "event oom, " + s.fields.memory + "=" + std::to_string(s.memory_limit) +
                   (s.memory_limit ? " (" + human_bytes(s.memory_limit) + ")" : "");
      f.root_cause = "A process in the container used more memory than the limit allows and the kernel killed it.";
      f.fix = "docker run --memory 1g ...   # raise the limit above the real peak, or bound the runtime's heap";
      f.tags = {"runtime"};
      Report r(config);
      r.add(std::move(f));
      findings.insert(findings.end(), r.findings().begin(), r.findings().end());
      return findings;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

std::vector<Finding> diagnose_live(engine::Client& client, const std::string& name, int tail, const CoreSettings* config) {
  LiveTarget t = fetch(client, name, tail);
  return diagnose(t.state, t.logs, config);
}

}  // namespace dd::runtime
