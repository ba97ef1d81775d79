// DD2090: a process supervisor runs several services in one container.
// DD2091: the start command runs several long-lived processes (`a & b`,
// `service a start && b`).
#include <nlohmann/json.hpp>

#include "dockerfile/rule.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/rules/start_script.h"

namespace dd::dockerfile {
namespace {

const RuleInfo& background_info() {
  static const RuleInfo& r = Rules::add({
      .id = "DD2091",
      .name = "several-processes-in-cmd",
      .category = Category::multiple_processes,
      .severity = Severity::warning,
      .summary = "Start command runs several long-lived processes",
      .rationale = "With `php-fpm & nginx` nobody watches the background process: when it dies the container keeps "
                   "running and serves errors, and it never gets SIGTERM on shutdown.",
      .fix = "Run each process in its own container (two services in compose, two containers in the Pod)",
      .tags = {"process"},
  });
  return r;
}


// One command of a start command or start script.
struct Step {
  std::vector<std::string> argv;
  shell::Connector next = shell::Connector::none;
  bool background = false;
  int line = 0;  // in the start script
};

// The first pair of different long-lived servers run one after the other
// (`a && b`, `a; b`). A `||` or a pipe between them ends the search: the
// second runs only when the first fails, or both belong to one pipeline.
std::optional<std::pair<size_t, size_t>> two_servers(const std::vector<Step>& steps) {
  for (size_t i = 0; i + 1 < steps.size(); ++i) {
    const auto& a = steps[i];
    if (a.next != shell::Connector::and_ && a.next != shell::Connector::seq) continue;
    size_t p = kb::real_program(a.argv);
    if (p >= a.argv.size() || !kb::is_server_program(a.argv[p])) continue;
    // Conservative about the first one: an interpreter or an entrypoint
    // script may run a one-shot task (node seed.js), and a test or version
    // flag (nginx -t, httpd -v) makes a server exit at once.
    std::string_view aprog = text::basename(a.argv[p]);
    if (aprog == "node"sv || aprog == "nodejs"sv || aprog == "deno"sv || aprog == "bun"sv || aprog == "java"sv ||
        aprog == "dotnet"sv || aprog == "docker-entrypoint.sh"sv || kb::is_one_shot_command(a.argv) ||
        dd::kb::has_option(a.argv, p + 1, {"-t", "-T", "-tt", "--test", "-v", "-V", "--version", "-h", "--help",
                                       "configtest", "validate"}))
      continue;
    for (size_t j = i + 1; j < steps.size(); ++j) {
      if (steps[j - 1].next == shell::Connector::or_ || steps[j - 1].next == shell::Connector::pipe) break;
      const auto& b = steps[j];
      size_t q = kb::real_program(b.argv);
      if (q >= b.argv.size() || !kb::is_server_program(b.argv[q]) || !kb::is_server_command(b.argv) || b.background)
        continue;
      if (aprog == text::basename(b.argv[q])) continue;  // nginx -t && nginx, a second instance
      return std::make_pair(i, j);
    }
  }
  return std::nullopt;
}

std::string two_servers_text(const std::vector<Step>& steps, std::pair<size_t, size_t> pr, const kb::ImageRef& base) {
  const auto& a = steps[pr.first];
  const auto& b = steps[pr.second];
  size_t p = kb::real_program(a.argv), q = kb::real_program(b.argv);
  std::string first = inc::show(a.argv, p, 3), second = inc::show(b.argv, q, 3);
  // Either the first daemonizes and nothing watches it, or it stays in the
  // foreground and the second never starts.
  auto d = dd::kb::daemonizing(a.argv, base.path, base.tag);
  return d ? first + " goes to the background" + (d->flag.empty() ? "" : " (" + d->flag + ")") + " and " + second +
                 " runs next to it: two long-lived servers, only the last is watched"
           : first + " stays in the foreground, so " + second + " after it never starts: two servers in one container";
}

void report_two_servers(const std::vector<Step>& steps, std::pair<size_t, size_t> pr, Finding f, Report& out);

class MultipleProcesses : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& chain = inc::final_chain(in);
    if (chain.empty()) return;
    const auto& all = inc::final_instructions(in);
    auto start = inc::start_command(all);
    const Instruction* owner = start.cmd ? start.cmd : start.entrypoint;
    auto cmds = inc::start_commands(in, start);
    if (cmds.empty()) return;
    for (const auto& c : cmds) {
      size_t p = c.exe;
      if (p >= c.argv.size()) continue;
      std::string_view prog = text::basename(c.argv[p]);
      if (kb::is_supervisor(prog) || c.argv[p] == "/init"sv) {
        const Instruction* where = start.entrypoint && c.range(p).begin.line == start.entrypoint->range.begin.line
                                       ? start.entrypoint : owner;
        Finding f = in.at(c.range(p), (c.argv[p] == "/init"sv ? std::string("s6-overlay /init") : std::string(prog)) + " on line " +
                                           std::to_string(where->range.begin.line) +
                                           " supervises several services in one container");
        f.root_cause = "A supervisor hides crashes from the orchestrator: it restarts children itself, mixes their "
                       "logs, and one container cannot be scaled or limited per service.";
        f.fix = "One process per container: split the services into separate containers and let Kubernetes or "
                "compose restart them";
        out.add(info_, std::move(f));
        return;
      }
    }
    // `a & b`: a background command followed by a foreground one, or a
    // daemonized service followed by another long-running command.
    for (size_t i = 0; i + 1 < cmds.size(); ++i) {
      const auto& c = cmds[i];
      size_t p = c.exe;
      if (p >= c.argv.size()) continue;
      std::string_view prog = text::basename(c.argv[p]);
      bool bg = c.background;
      bool started = (prog == "service"sv || c.argv[p].rfind("/etc/init.d/", 0) == 0) &&
                     std::find(c.argv.begin(), c.argv.end(), "start") != c.argv.end();
      if (!bg && !started) continue;
      if (!bg && !(kb::is_server_command(c.argv) || started)) continue;
      const auto& next = cmds.back();
      size_t np = next.exe;
      if (np >= next.argv.size()) continue;
      std::string_view nprog = text::basename(next.argv[np]);
      bool long_lived = kb::is_server_command(next.argv) ||
                        (nprog == "tail"sv && std::find(next.argv.begin(), next.argv.end(), "-f") != next.argv.end()) ||
                        (nprog == "sleep"sv && next.argv.size() > np + 1 && next.argv[np + 1] == "infinity"sv) ||
                        kb::daemon(nprog) != nullptr;
      if (!long_lived || next.background) continue;
      Finding f = in.at(c.whole(), owner->keyword + " on line " + std::to_string(owner->range.begin.line) + " runs " +
                                     inc::show(c.argv, p, 3) + (bg ? " in the background" : " as a daemon") +
                                     " next to " + inc::show(next.argv, np, 3) +
                                     ": two long-lived processes, only the last is watched");
      f.root_cause = "Only PID 1 is supervised: when the other process dies nothing restarts it and the container "
                     "looks healthy.";
      std::string exec;
      for (size_t k = np; k < next.argv.size(); ++k) exec += (k > np ? ", " : "") + nlohmann::json(next.argv[k]).dump();
      f.fix = "Run " + std::string(prog) + " in its own container (a second compose service or Pod container) and keep CMD [" +
              exec + "] here";
      out.add(background_info(), std::move(f));
      return;
    }
    // `a && b`, `a; b`: two long-lived servers one after the other, in the
    // start command or in the start script it runs.
    kb::ImageRef base = inc::chain_base(chain);
    std::vector<Step> steps;
    for (const auto& c : cmds) steps.push_back({c.argv, c.next, c.background, 0});
    if (auto pair = two_servers(steps)) {
      const auto& a = cmds[pair->first];
      Finding f = in.at(a.whole(), owner->keyword + " on line " + std::to_string(owner->range.begin.line) + ": " +
                                     two_servers_text(steps, *pair, base));
      report_two_servers(steps, *pair, std::move(f), out);
      return;
    }
    const auto& script = startscript::find(in);
    if (!script) return;
    auto sc = shell::parse(script->text);
    steps.clear();
    for (const auto& c : sc.commands) {
      if (c.depth != 0 || c.argv.empty()) continue;
      Step st{{}, c.next, c.background, startscript::line_of(script->text, c.begin)};
      for (const auto& w : c.argv) st.argv.push_back(w.value);
      steps.push_back(std::move(st));
    }
    if (auto pair = two_servers(steps)) {
      std::string name = startscript::label(*script);
      Finding f = in.at(script->where, script->start->keyword + " runs " + name + ", whose line " +
                                           std::to_string(steps[pair->first].line) + " starts two servers: " +
                                           two_servers_text(steps, *pair, base));
      report_two_servers(steps, *pair, std::move(f), out);
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2090",
      .name = "process-supervisor",
      .category = Category::multiple_processes,
      .severity = Severity::warning,
      .summary = "Process supervisor runs several services",
      .rationale = "supervisord, s6 or runit in a container hide crashes from the orchestrator, interleave logs, and "
                   "prevent scaling and resource limits per service.",
      .fix = "One service per container; compose or Kubernetes restarts and scales each one",
      .tags = {"process"},
  });
};

void report_two_servers(const std::vector<Step>& steps, std::pair<size_t, size_t> pr, Finding f, Report& out) {
  const auto& a = steps[pr.first];
  const auto& b = steps[pr.second];
  size_t p = kb::real_program(a.argv), q = kb::real_program(b.argv);
  f.root_cause = "A container is one process: only PID 1 is supervised and gets SIGTERM, so a second server either "
                 "never runs or dies unnoticed.";
  std::string exec;
  for (size_t k = q; k < b.argv.size(); ++k) exec += (k > q ? ", " : "") + nlohmann::json(b.argv[k]).dump();
  // The program alone: its own container runs it in the foreground.
  f.fix = "Run " + std::string(text::basename(a.argv[p])) +
          " in its own container (a second compose service or Pod container) and keep CMD [" + exec + "] here";
  f.tags = {"process"};
  out.add(background_info(), std::move(f));
}

DD_DOCKERFILE_RULE(MultipleProcesses)
[[maybe_unused]] const RuleInfo& kBackground = background_info();

}  // namespace
}  // namespace dd::dockerfile
