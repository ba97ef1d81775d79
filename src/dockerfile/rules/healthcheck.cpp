// DD2040 no HEALTHCHECK for a service, DD2041 HEALTHCHECK probes a port that
// is not EXPOSEd, DD2042 HEALTHCHECK uses a tool the image does not have.
#include <regex>

#include "dockerfile/rule.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/copies.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/ports.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/rules/local_image.h"

namespace dd::dockerfile {
namespace {

const RuleInfo& missing_info() {
  static const RuleInfo& r = Rules::add({
      .id = "DD2040",
      .name = "no-healthcheck",
      .category = Category::no_healthcheck,
      .severity = Severity::info,
      .summary = "Service image without HEALTHCHECK",
      .rationale = "Without a health check Docker and Swarm report a hung server as healthy and keep routing to it. "
                   "Kubernetes ignores HEALTHCHECK and uses probes instead, hence the modest severity.",
      .fix = "HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD wget -qO- http://127.0.0.1:8080/health || exit 1",
      .aliases = {"DL3057", "DS026", "AVD-DS-0026"},
      .tags = {"healthcheck"},
  });
  return r;
}
const RuleInfo& port_info() {
  static const RuleInfo& r = Rules::add({
      .id = "DD2041",
      .name = "healthcheck-wrong-port",
      .category = Category::no_healthcheck,
      .severity = Severity::warning,
      .summary = "HEALTHCHECK probes a port that is not EXPOSEd",
      .rationale = "A probe on the wrong port fails forever: the container is marked unhealthy and restarted or "
                   "never receives traffic.",
      .fix = "HEALTHCHECK CMD wget -qO- http://127.0.0.1:<EXPOSEd port>/health || exit 1",
      .tags = {"healthcheck"},
  });
  return r;
}
const RuleInfo& tool_info() {
  static const RuleInfo& r = Rules::add({
      .id = "DD2042",
      .name = "healthcheck-tool-missing",
      .category = Category::no_healthcheck,
      .severity = Severity::warning,
      .summary = "HEALTHCHECK uses a tool the image lacks",
      .rationale = "curl is not in alpine, busybox or the Debian slim images, and distroless/scratch have no shell: "
                   "the check fails with 'not found' and the container is marked unhealthy.",
      .fix = "HEALTHCHECK CMD [\"/app\", \"healthcheck\"]  (or install the tool in the final stage)",
      .tags = {"healthcheck"},
  });
  return r;
}

bool installs(const LintInput& in, const std::vector<const Instruction*>& all, const std::string& tool) {
  for (const Instruction* i : all) {
    if ((i->kind == Kw::COPY || i->kind == Kw::ADD)) {
      for (const Arg* s : inc::copy_sources(*i))
        if (text::basename(s->text) == tool) return true;
      continue;
    }
    if (i->kind != Kw::RUN) continue;
    for (const auto& c : instruction_commands(in, *i))
      for (const auto& a : c.argv)
        if (a == tool || a.rfind(tool + "=", 0) == 0) return true;
  }
  return false;
}

class Healthcheck : public Rule {
 public:
  const RuleInfo& info() const override { return missing_info(); }
  void check(const LintInput& in, Report& out) const override {
    const auto& chain = inc::final_chain(in);
    if (chain.empty() || chain.back()->from_index >= in.df.instructions.size() ||
        chain.front()->from_index >= in.df.instructions.size())
      return;
    const auto& all = inc::final_instructions(in);
    auto ports = inc::exposed_ports(in, all);
    const Instruction* hc = stage_graph(in).final_in_force(Kw::HEALTHCHECK);
    auto start = inc::start_command(all);
    auto cmds = inc::start_commands(in, start);
    bool server = std::any_of(cmds.begin(), cmds.end(), [](const Cmd& c) { return kb::is_server_command(c.argv); });
    kb::ImageRef base = inc::chain_base(chain);
    if (!hc) {
      if (ports.empty() && !server) return;
      // The base's own HEALTHCHECK is inherited (--local-images).
      const auto& real = local::final_base(in);
      if (real && real->image.healthcheck) return;
      const Instruction* at = start.cmd ? start.cmd : start.entrypoint ? start.entrypoint : ports.empty() ? nullptr : ports.front().ins;
      if (!at) at = &in.df.instructions[chain.back()->from_index];
      int port = ports.empty() || ports.front().number == 0 ? 8080 : ports.front().number;
      std::string why = !ports.empty() ? "EXPOSEs " + std::to_string(port) : "runs a server";
      Finding f = in.at(*at, "the final stage " + why + " but has no HEALTHCHECK: a hung process is reported healthy");
      f.root_cause = "Nothing tells the engine whether the app answers; only a dead process is noticed.";
      std::string tool = inc::is_distroless(base) || inc::is_scratch(base) ? ""
                         : inc::is_alpine_like(base)                     ? "wget -qO- "
                                                                         : "curl -fsS ";
      // With the base at hand, a tool it has (or none, for an exec-form check).
      if (auto sh = real ? local::has_program(*real, "sh") : std::nullopt) {
        auto has = [&](const char* t) { return local::has_program(*real, t) == std::optional<bool>(true) || installs(in, all, t); };
        tool = !*sh ? "" : has("curl") ? "curl -fsS " : has("wget") ? "wget -qO- " : "";
      }
      if (tool.empty())
        f.root_cause += " With no HTTP client in the image, a health subcommand of the binary (exec form) or "
                        "Kubernetes liveness/readiness probes do the check.";
      f.fix = tool.empty() ? "HEALTHCHECK CMD [\"/app\", \"-healthcheck\"]"
                           : "HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD " + tool + "http://127.0.0.1:" +
                                 std::to_string(port) + "/health || exit 1";
      out.add(missing_info(), std::move(f));
      return;
    }
    if (hc->subtype == "NONE"sv) return;
    check_port(in, *hc, ports, out);
    check_tool(in, *hc, base, local::final_base(in), all, out);
  }

 private:
  static void check_port(const LintInput& in, const Instruction& hc, const std::vector<inc::Port>& ports,
                         Report& out) {
    if (ports.empty()) return;
    for (const auto& p : ports)
      if (p.number == 0) return;  // unresolved EXPOSE
    static const std::regex url(R"((https?)://(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(:(\d+))?)");
    std::smatch m;
    const std::string& t = hc.args_text;
    if (!std::regex_search(t, m, url)) return;
    int port = m[4].matched ? std::stoi(m[4].str().substr(0, 5)) : (m[1].str() == "https"sv ? 443 : 80);
    for (const auto& p : ports)
      if (p.number == port) return;
    size_t b = static_cast<size_t>(m.position(0));
    Finding f = in.at(inc::args_range(hc, b, b + static_cast<size_t>(m.length(0))),
                      "HEALTHCHECK on line " + std::to_string(hc.range.begin.line) + " probes port " +
                          std::to_string(port) + " but the image EXPOSEs " + std::to_string(ports.front().number) +
                          " (line " + std::to_string(ports.front().ins->range.begin.line) + ")");
    f.root_cause = "The health probe and the server disagree on the port, so the check can never pass.";
    f.fix = "HEALTHCHECK CMD " + std::string(t.substr(0, b)) + m[1].str() + "://" + m[2].str() + ":" +
            std::to_string(ports.front().number) + t.substr(b + static_cast<size_t>(m.length(0)));
    out.add(port_info(), std::move(f));
  }

  // With the base image at hand (--local-images), what it contains decides;
  // else what common bases are known to lack.
  static void check_tool(const LintInput& in, const Instruction& hc, const kb::ImageRef& base,
                         const std::optional<local::Base>& real, const std::vector<const Instruction*>& all,
                         Report& out) {
    const auto& cmds = instruction_commands(in, hc);
    if (cmds.empty()) return;
    bool bare = inc::is_scratch(base) || (inc::is_distroless(base) && !text::contains(base.tag, "debug"));
    if (real && !hc.exec_form) {
      if (auto sh = real->store->has_path(real->ref, "/bin/sh")) bare = !*sh && !installs(in, all, "sh");
    }
    if (bare && !hc.exec_form) {
      Finding f = in.at(hc, "HEALTHCHECK on line " + std::to_string(hc.range.begin.line) + " uses shell form, but " +
                                (base.path.empty() ? "the base" : base.path) + " has no /bin/sh to run it");
      f.root_cause = "Shell-form HEALTHCHECK runs /bin/sh -c, which distroless and scratch images do not contain.";
      f.fix = "HEALTHCHECK CMD [\"/app\", \"healthcheck\"]";
      out.add(tool_info(), std::move(f));
      return;
    }
    for (const auto& c : cmds) {
      size_t p = c.exe;
      if (p >= c.argv.size()) continue;
      std::string tool(text::basename(c.argv[p]));
      bool missing = false;
      std::optional<bool> present = real ? local::has_program(*real, c.argv[p]) : std::nullopt;
      if (present) missing = !*present;
      else if (bare) missing = tool == "curl"sv || tool == "wget"sv || tool == "nc"sv || tool == "sh"sv || tool == "bash"sv;
      else if (inc::is_alpine_like(base)) missing = tool == "curl"sv || tool == "bash"sv;
      else if (text::contains(text::lower(base.tag), "slim")) missing = tool == "curl"sv || tool == "wget"sv || tool == "nc"sv;
      if (!missing || installs(in, all, tool)) continue;
      const std::string image = present ? real->ref + " (looked up in the local engine)"
                                : base.path.empty() ? "the base"
                                : base.tag.empty()  ? base.path
                                                    : base.path + ":" + base.tag;
      Finding f = in.at(c.range(p), "HEALTHCHECK on line " + std::to_string(hc.range.begin.line) + " runs " + tool +
                                         ", which " + image + " does not contain and no step installs");
      f.root_cause = "The check fails with '" + tool + ": not found', so the container is marked unhealthy forever.";
      f.fix = inc::is_alpine_like(base) && tool == "curl"sv
                  ? "HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/health || exit 1"
                  : "install " + tool + " in the final stage, or use a health subcommand of the app in exec form";
      out.add(tool_info(), std::move(f));
      return;
    }
  }
};

DD_DOCKERFILE_RULE(Healthcheck)
[[maybe_unused]] const RuleInfo& kMissing = missing_info();
[[maybe_unused]] const RuleInfo& kPort = port_info();
[[maybe_unused]] const RuleInfo& kTool = tool_info();

}  // namespace
}  // namespace dd::dockerfile
