// Live engine diagnosis. See live.h.
#include "runtime/live.h"

#include "runtime/diagnose.h"
#include "runtime/docker_state.h"

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

std::vector<Finding> diagnose_live(engine::Client& client, const std::string& name, int tail, const Config* config) {
  LiveTarget t = fetch(client, name, tail);
  return diagnose(t.state, t.logs, config);
}

}  // namespace dd::runtime
