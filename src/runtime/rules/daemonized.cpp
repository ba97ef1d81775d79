// DD5203: exit 0 within seconds while the command daemonizes (service X
// start, nginx without "daemon off", a trailing &, -d): PID 1 forked the
// server into the background and exited, taking the container down.
#include <optional>

#include "knowledge/image_ref.h"
#include "knowledge/command.h"
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_daemonized = Rules::add(
    "DD5203", "main-process-daemonized", Category::exits_immediately, Severity::error, "The main process daemonized and exited",
    "A container lives as long as PID 1. A command that forks the server into the background exits at once, and the "
    "container stops (or restart-loops) with it.",
    "CMD [\"nginx\", \"-g\", \"daemon off;\"]   # run the server in the foreground");

// Why the start command went to the background: the one start-command
// judgement of the knowledge layer (knowledge/command.h start_daemonizing),
// which lint, compose, k8s lint and image config ask too.
struct Why {
  std::string why, fix;
};

std::optional<Why> background_reason(const std::vector<std::string>& argv, const kb::ImageRef& image) {
  auto d = kb::start_daemonizing(argv, image.path, image.tag);
  if (!d) return std::nullopt;
  if (d->background)
    return Why{"ends with a trailing &, which puts the server in the background",
               "CMD " + kb::exec_form({"sh", "-c", d->how.fix}) + "   # drop the trailing & and exec the server"};
  std::string why = d->how.flag.empty() ? "daemonizes: " + d->how.why
                                        : "passes the daemonizing flag `" + d->how.flag + "`: " + d->how.why;
  std::string exec = kb::exec_form_of(d->how.fix);
  return Why{why, exec.empty() ? "Run the server in the foreground: " + d->how.fix : "CMD " + exec};
}

class Daemonized : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_daemonized; }
  void check(Diagnosis& d) const override {
    const ContainerState& s = d.state;
    if (!d.exited() || *s.exit_code != 0) return;
    bool short_run = s.uptime_seconds ? *s.uptime_seconds < kShortUptimeSeconds : s.restart_count > 0;
    if (!short_run) return;
    bool from_image = s.cmd.empty() && s.entrypoint.empty();
    std::vector<std::string> ep = from_image ? s.image_config.entrypoint : s.entrypoint;
    std::vector<std::string> cmd = from_image ? s.image_config.cmd : s.cmd;
    std::string line;
    for (auto* part : {&ep, &cmd})
      for (const auto& a : *part) line += (line.empty() ? "" : " ") + a;
    if (line.empty()) return;
    std::vector<std::string> argv = ep;
    argv.insert(argv.end(), cmd.begin(), cmd.end());
    auto why = background_reason(argv, kb::parse_image(s.image));
    if (!why) return;
    const auto& fn = s.fields;
    std::string field = !cmd.empty() ? fn.cmd : fn.entrypoint;
    if (from_image) field = "Image." + field;
    Finding f = d.at_field(kInfo_daemonized.id, field);
    char up[32] = "";
    if (s.uptime_seconds) std::snprintf(up, sizeof up, "%.1fs", *s.uptime_seconds);
    f.evidence = field + "=" + quote_list(!cmd.empty() ? cmd : ep) + ", " + fn.exit_code + "=0" +
                 (s.uptime_seconds ? std::string(", uptime ") + up : "");
    f.message = "container " + s.label() + " exited 0" + (s.uptime_seconds ? std::string(" after ") + up : "") +
                ": the command `" + clip(line, 120) + "` " + why->why;
    f.root_cause = "PID 1 put the server in the background and exited, so the container stopped with it.";
    f.fix = why->fix;
    d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(Daemonized)

}  // namespace
}  // namespace dd::runtime::rules
