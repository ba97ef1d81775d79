// DD5203: exit 0 within seconds while the command daemonizes (service X
// start, nginx without "daemon off", a trailing &, -d): PID 1 forked the
// server into the background and exited, taking the container down.
#include <optional>

#include "knowledge/image_ref.h"
#include "knowledge/programs.h"
#include "knowledge/shell.h"
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_daemonized = Rules::add(
    "DD5203", "main-process-daemonized", Category::exits_immediately, Severity::error, "The main process daemonized and exited",
    "A container lives as long as PID 1. A command that forks the server into the background exits at once, and the "
    "container stops (or restart-loops) with it.",
    "CMD [\"nginx\", \"-g\", \"daemon off;\"]   # run the server in the foreground");

// Why the start command went to the background, from the one daemon table
// (knowledge/programs.h) that `lint` reads too. A `sh -c` script is
// tokenized with the one shell tokenizer; its last command decides.
struct Why {
  std::string why, fix;
};

// The foreground command as an exec-form CMD when it is a plain command line.
std::string exec_form(const std::string& fix) {
  bool plain = fix.find('<') == std::string::npos && fix.find("without") == std::string::npos &&
               fix.find("run the") == std::string::npos && fix.find('$') == std::string::npos;
  if (plain) {
    auto script = shell::parse(fix);
    if (script.commands.size() == 1 && script.errors.empty()) {
      std::vector<std::string> words;
      for (const auto& w : script.commands[0].argv) words.push_back(w.value);
      std::string out = "CMD [";
      for (size_t i = 0; i < words.size(); ++i) {
        out += i ? ", \"" : "\"";
        for (char c : words[i]) {
          if (c == '"' || c == '\\') out += '\\';
          out += c;
        }
        out += '"';
      }
      return out + "]";
    }
  }
  return "Run the server in the foreground: " + fix;
}

std::optional<Why> background_reason(const std::vector<std::string>& argv, const kb::ImageRef& image) {
  size_t p = kb::real_program(argv);
  if (p >= argv.size()) return std::nullopt;
  std::string_view prog = kb::program_name(argv[p]);
  bool shell = prog == "sh" || prog == "bash" || prog == "ash" || prog == "dash" || prog == "zsh";
  if (shell && p + 2 < argv.size() && argv[p + 1].size() >= 2 && argv[p + 1][0] == '-' &&
      argv[p + 1].find('c') != std::string::npos) {
    auto script = shell::parse(argv[p + 2]);
    const shell::Command* last = nullptr;
    for (const auto& c : script.commands)
      if (!c.argv.empty() && c.depth == 0) last = &c;
    if (!last) return std::nullopt;
    if (last->background || last->next == shell::Connector::background)
      return Why{"ends with a trailing &, which puts the server in the background",
                 "CMD [\"sh\", \"-c\", \"exec SERVER\"]   # drop the trailing & and exec the server"};
    std::vector<std::string> words;
    for (const auto& w : last->argv) words.push_back(w.value);
    return background_reason(words, image);
  }
  // An entrypoint script runs its arguments (exec "$@"): they decide.
  if (p + 1 < argv.size() && (argv[p].ends_with(".sh") || argv[p].find("entrypoint") != std::string::npos))
    return background_reason(std::vector<std::string>(argv.begin() + static_cast<long>(p) + 1, argv.end()), image);
  auto d = kb::daemonizing(argv, image.path, image.tag);
  if (!d) return std::nullopt;
  std::string why = d->flag.empty() ? "daemonizes: " + d->why
                                    : "passes the daemonizing flag `" + d->flag + "`: " + d->why;
  return Why{why, exec_form(d->fix)};
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
