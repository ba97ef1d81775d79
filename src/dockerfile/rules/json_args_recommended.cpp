// DD1008: Shell form CMD or ENTRYPOINT.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

std::string json_quote(std::string_view s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o + "\"";
}

// The exec form of a simple shell-form command, or empty when the shell is
// needed (operators, expansions, redirects, globs, assignments).
std::string exec_form(const shell::Script& s) {
  if (s.commands.size() != 1 || !s.errors.empty()) return {};
  const auto& c = s.commands.front();
  if (c.argv.empty() || !c.assignments.empty() || !c.redirects.empty() || c.depth != 0 || c.background) return {};
  std::string out = "[";
  for (size_t i = 0; i < c.argv.size(); ++i) {
    const auto& w = c.argv[i];
    if (w.has_expansion || s.raw(w).find_first_of("*?[~$`") != std::string_view::npos) return {};
    out += (i ? ", " : "") + json_quote(w.value);
  }
  return out + "]";
}

class JsonArgsRecommended : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if ((ins.kind != Kw::CMD && ins.kind != Kw::ENTRYPOINT) || ins.exec_form || ins.args_text.empty()) continue;
      // A deliberate SHELL, in this stage or inherited through FROM <stage>
      // (BuildKit keeps the parent's shell): the shell form is intended.
      if (stage_graph(in).shell_at(ins)) continue;
      std::string exec = exec_form(in.script(ins));
      Finding f = in.at(ins.args_range, ins.keyword + " on line " + std::to_string(ins.range.begin.line) +
                                            " uses shell form: /bin/sh -c becomes PID 1 and SIGTERM never reaches " +
                                            (in.argv(ins).empty() ? std::string("the app") : in.argv(ins).front()),
                        ins.keyword + " " + ins.args_text);
      f.root_cause = "Shell form wraps the command in /bin/sh -c, which does not forward signals to its child.";
      if (!exec.empty()) {
        f.fix = ins.keyword + " " + exec;
        in.propose({ins.args_range, exec});
      } else {
        // Pasteable as it is; the alternative goes in the cause, not after the JSON.
        f.fix = ins.keyword + " [\"/bin/sh\", \"-c\", " + json_quote("exec " + ins.args_text) + "]";
        f.root_cause += " The command uses shell syntax, so the fix keeps sh but execs the program; or move the "
                        "shell logic into an entrypoint script that ends with exec \"$@\".";
      }
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1008",
      .name = "json-args-recommended",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Shell form CMD or ENTRYPOINT",
      .rationale = "In shell form the command runs as a child of /bin/sh -c: sh is PID 1 and does not forward SIGTERM, so docker stop and Kubernetes wait the whole grace period and then SIGKILL the app, losing in-flight requests.",
      .fix = "CMD [\"node\", \"server.js\"]",
      .aliases = {"JSONArgsRecommended", "DL3025"},
  });
};

DD_DOCKERFILE_RULE(JsonArgsRecommended)

}  // namespace
}  // namespace dd::dockerfile
