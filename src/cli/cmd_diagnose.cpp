// drydock diagnose NAME|ID|FILE: explains why a container failed.
#include <filesystem>

#include "cli/cli.h"
#include "core/error.h"
#include "engine/client.h"
#include "runtime/diagnose.h"
#include "runtime/docker_state.h"
#include "runtime/live.h"

namespace fs = std::filesystem;

namespace dd::cli {
namespace {

struct DiagnoseArgs {
  Common common;
  std::vector<std::string> targets;
  std::string logs;
  int tail = 200;
  bool all = false;
};

nlohmann::json summary_of(const runtime::ContainerState& s) {
  nlohmann::json j = {{"name", s.label()}, {"id", s.id}, {"status", s.status}, {"oom_killed", s.oom_killed},
                      {"restart_count", s.restart_count}};
  if (!s.image.empty()) j["image"] = s.image;
  if (s.exit_code) j["exit_code"] = *s.exit_code;
  if (s.uptime_seconds) j["uptime_seconds"] = *s.uptime_seconds;
  if (!s.health_status.empty()) j["health"] = s.health_status;
  return j;
}

int run_diagnose(const DiagnoseArgs& a) {
  if (a.tail < 0) throw InputError("diagnose: --tail must be 0 (all) or more");
  if (a.targets.empty() && !a.all) throw InputError("diagnose: give a container name or id, a docker inspect file, or --all");
  if (a.all && !a.targets.empty()) throw InputError("diagnose: --all takes no target");
  Config config = load_config_for(a.common, a.targets.empty() ? std::string(".") : a.targets.front());
  std::vector<Finding> all;
  nlohmann::json containers = nlohmann::json::array();
  std::optional<runtime::Logs> saved_logs;
  if (!a.logs.empty()) saved_logs = runtime::read_log_file(a.logs, a.tail);

  std::unique_ptr<engine::Client> client;
  auto engine = [&]() -> engine::Client& {
    if (!client) client = std::make_unique<engine::Client>();
    return *client;
  };
  std::vector<std::string> names = a.targets;
  if (a.all) names = runtime::problem_containers(engine());

  for (const auto& target : names) {
    std::error_code ec;
    bool is_file = !a.all && fs::exists(target, ec);
    if (is_file) {
      if (fs::is_directory(target, ec)) throw InputError(target + ": is a directory; expected a docker inspect JSON file");
      auto states = runtime::read_inspect_file(target);
      if (saved_logs && states.size() > 1)
        throw InputError(target + ": holds " + std::to_string(states.size()) +
                         " containers; --logs applies to a file with one container");
      for (const auto& s : states) {
        runtime::Logs logs = saved_logs ? *saved_logs : runtime::Logs{};
        auto f = runtime::diagnose(s, logs, &config);
        all.insert(all.end(), f.begin(), f.end());
        containers.push_back(summary_of(s));
      }
      continue;
    }
    auto t = runtime::fetch(engine(), target, a.tail);
    if (saved_logs) t.logs = *saved_logs;
    auto f = runtime::diagnose(t.state, t.logs, &config);
    all.insert(all.end(), f.begin(), f.end());
    containers.push_back(summary_of(t.state));
  }
  return finish(std::move(all), a.common, config, nlohmann::json{{"containers", containers}});
}

DD_COMMAND("diagnose", "Explain why a container failed: exit code, OOM, health, logs",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<DiagnoseArgs>();
             app->add_option("targets", a->targets,
                             "Container names or ids on the local engine, or saved docker inspect JSON files");
             app->add_option("--logs", a->logs, "Saved logs (docker logs output) for a file target");
             app->add_option("--tail", a->tail, "Read the last N log lines (0: all)")->capture_default_str();
             app->add_flag("--all", a->all, "Diagnose every exited, restarting, dead or unhealthy container");
             add_common(app, a->common);
             return [a] { return run_diagnose(*a); };
           },
           40)

}  // namespace
}  // namespace dd::cli
