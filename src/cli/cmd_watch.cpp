// drydock watch: follows the engine's events and diagnoses every container
// that dies, is OOM-killed or turns unhealthy, as it happens.
#include <atomic>
#include <csignal>
#include <iostream>

#include "cli/cli.h"
#include "secrets/secrets.h"
#include "core/error.h"
#include "engine/client.h"
#include "runtime/diagnose.h"
#include "runtime/live.h"

namespace dd::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

struct WatchArgs {
  Common common;
  int max_events = 0;
  int timeout = 0;
  int tail = 200;
};

struct Event {
  std::string action, id, name, time;
  std::optional<int> exit_code;
};

Event parse_event(const nlohmann::json& j) {
  Event e;
  auto str = [](const nlohmann::json& o, const char* k) {
    return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
  };
  e.action = str(j, "Action");
  if (e.action.empty()) e.action = str(j, "status");
  if (j.contains("Actor") && j["Actor"].is_object()) {
    e.id = str(j["Actor"], "ID");
    const auto& attrs = j["Actor"].contains("Attributes") ? j["Actor"]["Attributes"] : nlohmann::json();
    e.name = str(attrs, "name");
    std::string code = str(attrs, "exitCode");
    if (!code.empty()) e.exit_code = std::atoi(code.c_str());
  }
  if (e.id.empty()) e.id = str(j, "id");
  if (j.contains("time") && j["time"].is_number()) {
    std::time_t t = j["time"].get<std::time_t>();
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    e.time = buf;
  }
  return e;
}

int run_watch(const WatchArgs& a) {
  const render::Format format = output_format(a.common);
  if (format != render::Format::text && format != render::Format::json)
    throw InputError("watch: --format " + a.common.format + " is not streamable; use text or json");
  if (a.max_events < 0 || a.timeout < 0) throw InputError("watch: --max-events and --timeout must be positive");
  Config config = load_config_for(a.common, ".");
  engine::Client client;
  client.api_version();  // fail now, with exit 2, when the engine is absent

  g_stop.store(false);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  struct sigaction old_int {}, old_term {};
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);

  engine::EventsOptions opt;
  opt.filters = {{"type", {"container"}}, {"event", {"die", "oom", "health_status"}}};
  opt.timeout_seconds = a.timeout;
  opt.stop = &g_stop;
  int handled = 0;
  bool json = format == render::Format::json;
  if (!json && !a.common.quiet)
    std::cerr << "drydock: watching container events on " << client.endpoint().display << " (Ctrl-C to stop)\n";

  auto on_event = [&](const nlohmann::json& j) {
    Event e = parse_event(j);
    bool unhealthy = e.action.rfind("health_status", 0) == 0;
    if (unhealthy && e.action.find("unhealthy") == std::string::npos) return true;
    if (e.action != "die" && e.action != "oom" && !unhealthy) return true;
    std::vector<Finding> findings;
    std::string note;
    try {
      std::string target = e.id.empty() ? e.name : e.id;
      if (e.action == "oom") {
        findings = runtime::diagnose_oom_event(client, target, a.tail, &config.core());
      } else {
        auto t = runtime::fetch(client, target, a.tail);
        findings = runtime::diagnose(t.state, t.logs, &config.core(), config.runtime());
      }
    } catch (const InputError& err) {
      // Removed already (--rm): judge what the event says.
      runtime::ContainerState s;
      s.name = e.name;
      s.id = e.id;
      s.status = "exited";
      s.exit_code = e.exit_code;
      s.oom_killed = e.action == "oom";
      findings = runtime::diagnose(s, runtime::Logs{}, &config.core(), config.runtime());
      note = err.what();
    }
    sort_findings(findings);
    if (json) {
      nlohmann::json ev = {{"action", e.action}, {"container", e.name}, {"id", e.id}, {"time", e.time}};
      if (e.exit_code) ev["exit_code"] = *e.exit_code;
      if (!note.empty()) ev["note"] = note;
      nlohmann::json fs = nlohmann::json::array();
      render::Options safe;
      safe.scrub = [](std::string_view t) { return secrets::mask(t); };
      for (const auto& f : findings) fs.push_back(render::to_json(render::scrubbed(f, safe)));
      auto s = summarize(findings);
      nlohmann::json out = {{"tool", "drydock"}, {"version", DRYDOCK_VERSION}, {"event", ev}, {"findings", fs},
                            {"summary", {{"error", s.error}, {"warning", s.warning}, {"info", s.info}}}};
      std::cout << out.dump() << "\n";
    } else {
      std::cout << "== " << e.time << " " << e.action << " " << e.name;
      if (e.exit_code) std::cout << " (exit " << *e.exit_code << ")";
      std::cout << "\n";
      if (!note.empty()) std::cout << "  (" << note << ")\n";
      render::Options ro;
      ro.color = !a.common.no_color && render::want_color();
      ro.scrub = [](std::string_view t) { return secrets::mask(t); };
      render::text(std::cout, findings, ro);
      std::cout << "\n";
    }
    std::cout.flush();
    ++handled;
    return a.max_events == 0 || handled < a.max_events;
  };
  try {
    client.events(opt, on_event);
  } catch (...) {
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
    throw;
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  return 0;
}

DD_COMMAND("watch", "Follow container events and diagnose each die, OOM kill and unhealthy status",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<WatchArgs>();
             app->add_option("--max-events", a->max_events, "Stop after N diagnosed events (0: never)");
             app->add_option("--timeout", a->timeout, "Stop after SECONDS (0: never)");
             app->add_option("--tail", a->tail, "Log lines to read per container")->capture_default_str();
             add_common(app, a->common);
             return [a] { return run_watch(*a); };
           },
           41)

}  // namespace
}  // namespace dd::cli
