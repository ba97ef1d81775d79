// drydock diagnose NAME|ID|FILE|pod/NAME: explains why a container or pod failed.
#include <filesystem>

#include "cli/cli.h"
#include "core/error.h"
#include "engine/client.h"
#include "k8s/pod/diagnose_pod.h"
#include "k8s/pod/kubectl.h"
#include "k8s/pod/pod.h"
#include "runtime/diagnose.h"
#include "runtime/docker_state.h"
#include "runtime/live.h"

namespace fs = std::filesystem;

namespace dd::cli {
namespace {

struct DiagnoseArgs {
  Common common;
  std::vector<std::string> targets;
  std::vector<std::string> logs;    // FILE or CONTAINER=FILE
  std::vector<std::string> events;  // kubectl get events -o json
  std::string ns;
  std::string container;  // the container --logs belongs to
  int tail = 200;
  bool all = false;
};

nlohmann::json pod_summary(const k8s::pod::Pod& p) {
  nlohmann::json cs = nlohmann::json::array();
  for (const auto& c : p.containers) {
    nlohmann::json j = {{"name", c.name}, {"restart_count", c.restart_count}, {"ready", c.ready}};
    if (c.init) j["init"] = true;
    if (!c.current.state.empty()) j["state"] = c.current.state;
    if (!c.current.reason.empty()) j["reason"] = c.current.reason;
    if (c.current.exit_code) j["exit_code"] = *c.current.exit_code;
    if (c.last.state == "terminated") {
      j["last_state"] = {{"reason", c.last.reason}};
      if (c.last.exit_code) j["last_state"]["exit_code"] = *c.last.exit_code;
    }
    cs.push_back(std::move(j));
  }
  nlohmann::json j = {{"name", p.name}, {"namespace", p.namespace_}, {"containers", cs},
                      {"events", static_cast<int>(p.events.size())}};
  if (!p.phase.empty()) j["phase"] = p.phase;
  if (!p.reason.empty()) j["reason"] = p.reason;
  if (!p.owner_kind.empty()) j["owner"] = p.owner_kind + "/" + p.owner_name;
  return j;
}

// --logs FILE or --logs CONTAINER=FILE.
std::pair<std::string, std::string> split_logs_arg(const std::string& arg) {
  std::error_code ec;
  auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0 || fs::exists(arg, ec) || arg.substr(0, eq).find('/') != std::string::npos)
    return {"", arg};
  return {arg.substr(0, eq), arg.substr(eq + 1)};
}

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
  if (a.targets.empty() && !a.all && a.events.empty())
    throw InputError("diagnose: give a container name or id, pod/NAME, a saved inspect, pod, describe or events file, or --all");
  if (a.all && !a.targets.empty()) throw InputError("diagnose: --all takes no target");
  Config config = load_config_for(a.common, a.targets.empty() ? std::string(".") : a.targets.front());
  std::vector<Finding> all;
  nlohmann::json containers = nlohmann::json::array();
  nlohmann::json pods_json = nlohmann::json::array();

  // Logs: one file for a docker target, or one per container of a pod.
  std::vector<k8s::pod::ContainerLogs> pod_logs;
  std::optional<runtime::Logs> saved_logs;
  for (const auto& arg : a.logs) {
    auto [container, file] = split_logs_arg(arg);
    auto logs = runtime::read_log_file(file, a.tail);
    pod_logs.push_back({container.empty() ? a.container : container, logs});
    if (!saved_logs) saved_logs = logs;
  }

  std::unique_ptr<engine::Client> client;
  auto engine = [&]() -> engine::Client& {
    if (!client) client = std::make_unique<engine::Client>();
    return *client;
  };
  std::vector<std::string> names = a.targets;
  if (a.all) names = runtime::problem_containers(engine());

  // Kubernetes inputs are gathered first, then judged pod by pod.
  std::vector<k8s::pod::Pod> pods;
  std::vector<k8s::pod::Event> events;
  bool have_docker = false;
  auto add_pod = [&](k8s::pod::Pod p) {
    for (auto& q : pods)
      if (q.name == p.name && q.namespace_ == p.namespace_) {
        if (q.from_describe && !p.from_describe) {
          k8s::pod::merge_pod(p, q);
          q = std::move(p);
        } else {
          k8s::pod::merge_pod(q, p);
        }
        return;
      }
    pods.push_back(std::move(p));
  };
  for (const auto& e : a.events) {
    auto in = k8s::pod::read_input(e);
    if (in.kind != k8s::pod::InputKind::events) throw InputError(e + ": --events expects kubectl get events -o json");
    events.insert(events.end(), in.events.begin(), in.events.end());
  }
  std::vector<std::string> docker_targets;
  for (const auto& target : names) {
    std::error_code ec;
    if (!a.all && target.rfind("pod/", 0) == 0 && !fs::exists(target, ec)) {
      auto g = k8s::pod::gather_with_kubectl(target.substr(4), a.ns, a.tail);
      for (auto& l : g.logs) pod_logs.push_back(std::move(l));
      add_pod(std::move(g.pod));
      continue;
    }
    bool is_file = !a.all && fs::exists(target, ec);
    // Container names and ids never hold a '/': such a target is a file path.
    if (!is_file && !a.all && target.find('/') != std::string::npos)
      throw InputError(target + ": no such file or directory");
    if (!is_file) {
      docker_targets.push_back(target);
      continue;
    }
    if (fs::is_directory(target, ec))
      throw InputError(target + ": is a directory; expected a docker inspect, pod, describe or events file");
    auto in = k8s::pod::read_input(target);
    switch (in.kind) {
      case k8s::pod::InputKind::docker_inspect:
        docker_targets.push_back(target);
        have_docker = true;
        break;
      case k8s::pod::InputKind::events:
        events.insert(events.end(), in.events.begin(), in.events.end());
        break;
      default:
        for (auto& p : in.pods) add_pod(std::move(p));
        events.insert(events.end(), in.events.begin(), in.events.end());
        break;
    }
  }
  if (!events.empty()) {
    if (pods.empty()) pods = k8s::pod::pods_from_events(events);
    else k8s::pod::attach_events(pods, events);
  }
  if (!pods.empty() && (have_docker || docker_targets.size() > 0) && !a.logs.empty())
    throw InputError("diagnose: --logs applies to one target; give pods and containers in separate runs");

  for (auto& p : pods) {
    auto f = k8s::pod::diagnose_pod(p, pod_logs, &config.core());
    all.insert(all.end(), f.begin(), f.end());
    pods_json.push_back(pod_summary(p));
  }

  for (const auto& target : docker_targets) {
    std::error_code ec;
    bool is_file = !a.all && fs::exists(target, ec);
    if (is_file) {
      auto states = runtime::read_inspect_file(target);
      if (saved_logs && states.size() > 1)
        throw InputError(target + ": holds " + std::to_string(states.size()) +
                         " containers; --logs applies to a file with one container");
      for (const auto& s : states) {
        runtime::Logs logs = saved_logs ? *saved_logs : runtime::Logs{};
        auto f = runtime::diagnose(s, logs, &config.core(), config.runtime());
        all.insert(all.end(), f.begin(), f.end());
        containers.push_back(summary_of(s));
      }
      continue;
    }
    auto t = runtime::fetch(engine(), target, a.tail);
    if (saved_logs) t.logs = *saved_logs;
    auto f = runtime::diagnose(t.state, t.logs, &config.core(), config.runtime());
    all.insert(all.end(), f.begin(), f.end());
    containers.push_back(summary_of(t.state));
  }
  nlohmann::json extra = {{"containers", containers}};
  if (!pods_json.empty()) extra["pods"] = pods_json;
  return finish(std::move(all), a.common, config, extra);
}

DD_COMMAND("diagnose", "Explain why a container failed: exit code, OOM, health, logs",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<DiagnoseArgs>();
             app->add_option("targets", a->targets,
                             "Container names or ids on the local engine, pod/NAME (through kubectl), or saved files: "
                             "docker inspect JSON, kubectl get pod -o json|yaml, kubectl describe pod text, "
                             "kubectl get events -o json");
             app->add_option("--logs", a->logs,
                             "Saved logs (docker logs, kubectl logs [--previous]); CONTAINER=FILE names a pod's container")
                 ->allow_extra_args(false);
             app->add_option("--events", a->events, "kubectl get events -o json output to join with the pod")->allow_extra_args(false);
             app->add_option("-n,--namespace", a->ns, "Namespace of pod/NAME");
             app->add_option("--container", a->container, "The pod container that --logs FILE belongs to");
             app->add_option("--tail", a->tail, "Read the last N log lines (0: all)")->capture_default_str();
             app->add_flag("--all", a->all, "Diagnose every exited, restarting, dead or unhealthy container");
             add_common(app, a->common);
             return [a] { return run_diagnose(*a); };
           },
           40)

}  // namespace
}  // namespace dd::cli
