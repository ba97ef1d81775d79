// DD1128: a RUN with a pipe whose failures are ignored (no pipefail).
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::Words kPosix = {"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"};
// Left-hand sides that cannot fail in a way that matters.
const util::Words kHarmless = {"echo", "printf", "yes", "true", "cat"};

bool sets_pipefail(const Cmd& c) {
  if (c.name() != "set"sv) return false;
  for (size_t i = 1; i < c.size(); ++i)
    if (c.arg(i) == "pipefail"sv || c.arg(i) == "-opipefail"sv) return true;
  return false;
}

class Pipefail : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& each : in.df.instructions) {
      const Instruction* run = run_of(each);  // a RUN, or the RUN of ONBUILD RUN
      if (!run || run->exec_form) continue;
      const Instruction& ins = *run;
      const Instruction* sh = stage_graph(in).shell_at(ins);  // inherited through FROM <stage>
      if (sh) {
        auto argv = in.argv(*sh);
        if (argv.empty() || !util::in(kPosix, util::basename(argv[0]))) continue;
        bool pf = false;
        for (const auto& a : argv) pf = pf || a == "pipefail"sv || a == "-opipefail"sv;
        if (pf) continue;
      }
      std::string base = ins.stage >= 0 && ins.stage < static_cast<int>(in.df.stages.size())
                             ? util::lower(in.df.stages[ins.stage].base_expanded)
                             : std::string();
      if (base.find("windows") != std::string::npos || base.find("nanoserver") != std::string::npos) continue;
      const auto& cmds = commands(in, ins);
      bool armed = false;
      for (size_t i = 0; i < cmds.size(); ++i) {
        const auto& c = cmds[i];
        if (sets_pipefail(c)) armed = true;
        if (armed || c.depth != 0 || c.next != shell::Connector::pipe) continue;
        if (util::in(kHarmless, c.name()) && c.size() > 1) continue;
        std::string text = script_text(ins);
        size_t bar = text.find('|', c.end);
        Range r = bar == std::string::npos ? c.whole() : script_range(ins, bar, bar + 1);
        std::string right = i + 1 < cmds.size() ? std::string(cmds[i + 1].name()) : std::string("the next command");
        bool alpine = base.find("alpine") != std::string::npos || base.find("busybox") != std::string::npos;
        Finding f = in.at(r, "the pipe on line " + std::to_string(r.begin.line) + " hides failures of " +
                                 std::string(c.name()) + ": the RUN succeeds as long as " + right + " does",
                          util::text_of(in.df, c.whole()));
        f.root_cause = "Without pipefail a pipeline's status is that of its last command, so a failed download or build step produces a broken layer and a green build.";
        f.fix = alpine || (sh && util::basename(in.argv(*sh)[0]) != "bash"sv)
                    ? "RUN set -o pipefail && " + ins.args_text.substr(0, 80)
                    : "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]";
        out.add(info_, std::move(f));
        break;
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1128",
      .name = "pipefail",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "RUN with a pipe but no pipefail",
      .rationale = "curl URL | tar -x succeeds even when curl fails: the build is green and the image lacks the files, which surfaces only at run time.",
      .fix = "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
      .aliases = {"DL4006", "DS032"},
  });
};

DD_DOCKERFILE_RULE(Pipefail)

}  // namespace
}  // namespace dd::dockerfile
