// The image config: root user, no HEALTHCHECK on a service, a daemonizing
// ENTRYPOINT/CMD (the Dockerfile rules' daemon knowledge), the build date
// against the age policy.
#include <algorithm>
#include <ctime>
#include <sstream>

#include "knowledge/command.h"
#include "knowledge/image_ref.h"
#include "knowledge/programs.h"
#include "image/analyzer.h"
#include "image/rules.h"

namespace dd::image {
namespace {

// RFC 3339 "2024-05-01T12:00:00.123Z" -> seconds; -1 when malformed.
long long parse_time(const std::string& s) {
  std::tm tm{};
  if (s.size() < 19) return -1;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &tm.tm_sec) != 6)
    return -1;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return (long long)timegm(&tm);
}

// What PID 1 runs: ENTRYPOINT + CMD.
std::vector<std::string> start_argv(const ImageConfig& c) {
  std::vector<std::string> argv = c.entrypoint;
  argv.insert(argv.end(), c.cmd.begin(), c.cmd.end());
  return argv;
}

// The first command of it, read with the one command model (an `sh -c`
// script opened up).
kb::Command first_command(const std::vector<std::string>& argv) {
  auto cmds = kb::exec_commands(argv);
  if (cmds.empty()) return {};
  return std::move(cmds.front());
}

bool is_root(const std::string& user) {
  std::string u = user.substr(0, user.find(':'));
  return u.empty() || u == "root" || u == "0";
}

class ConfigAnalyzer : public Analyzer {
 public:
  std::string_view name() const override { return "config"; }
  std::vector<std::string> patterns() const override { return {}; }
  std::unique_ptr<LayerScan> begin_layer(int) override { return nullptr; }

  void finish(const ImageModel& m, const FsView&, std::vector<std::unique_ptr<LayerScan>>&, FindingSink& out) override {
    const ImageConfig& c = m.config;
    const auto start = start_argv(c);
    const kb::Command first = first_command(start);
    const auto& argv = first.argv;
    size_t pi = first.exe;
    bool has_cmd = pi < argv.size();
    bool service = !c.exposed_ports.empty() || (has_cmd && kb::is_server_command(argv));

    // A bare shell is a base image's CMD (debian, alpine): whoever builds on
    // it picks the user. Only images that run a program are judged.
    static const std::vector<std::string> shells = {"sh", "bash", "ash", "dash", "zsh"};
    bool bare_shell = has_cmd && argv.size() == pi + 1 &&
                      std::find(shells.begin(), shells.end(), std::string(kb::program_name(argv[pi]))) != shells.end();
    if (is_root(c.user) && has_cmd && !(bare_shell && c.exposed_ports.empty())) {
      Finding f = image_finding(m, kRoot);
      f.message = c.user.empty() ? "the image sets no user, so " + argv[pi] + " runs as root"
                                 : "the image runs " + argv[pi] + " as user " + c.user;
      f.evidence = "Config.User: \"" + c.user + "\"";
      out.add(std::move(f));
    }
    bool hc = c.healthcheck && !c.healthcheck->empty() && (*c.healthcheck)[0] != "NONE";
    if (service && !hc) {
      Finding f = image_finding(m, kNoHealthcheck);
      std::string why = !c.exposed_ports.empty() ? "exposes " + c.exposed_ports[0] : "runs the server " + argv[pi];
      f.message = "the image " + why + " but defines no HEALTHCHECK";
      f.evidence = "Config.Healthcheck: none";
      out.add(std::move(f));
    }
    // The one start-command judgement (knowledge/command.h), as lint,
    // compose, k8s lint and diagnose ask it.
    kb::ImageRef ref = kb::parse_image(m.name);
    if (auto d = kb::start_daemonizing(start, ref.path, ref.tag)) {
      Finding f = image_finding(m, kDaemonizes);
      std::string line;
      for (auto& a : start) line += (line.empty() ? "" : " ") + a;
      f.message = d->how.why + ", so PID 1 exits and the container stops";
      f.evidence = line;
      if (d->background) {
        f.fix = "CMD " + kb::exec_form({"sh", "-c", d->how.fix});
      } else if (!d->how.fix.empty()) {
        std::string exec = kb::exec_form_of(d->how.fix);
        f.fix = exec.empty() ? d->how.fix : "CMD " + exec;
      }
      out.add(std::move(f));
    }
    long long t = parse_time(c.created);
    int max_age = m.options ? m.options->max_age_days : 90;
    if (t > 0 && max_age > 0) {
      long long age = (long long)(std::time(nullptr) - t) / 86400;
      if (age > max_age) {
        Finding f = image_finding(m, kStale);
        f.message = "the image was built " + std::to_string(age) + " days ago (policy: " + std::to_string(max_age) + " days)";
        f.evidence = "created " + c.created;
        out.add(std::move(f));
      }
    }
  }
};

DD_IMAGE_ANALYZER(ConfigAnalyzer)

}  // namespace
}  // namespace dd::image
