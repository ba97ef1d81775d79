// DD1101: commands that make no sense in a RUN (ssh, vim, service, ps...).
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

struct Pointless {
  std::string_view program;
  std::string_view why;
};

const Pointless kPointless[] = {
    {"ssh", "there is no one to log in to during a build"},
    {"vim", "nobody can type into an editor during a build"},
    {"vi", "nobody can type into an editor during a build"},
    {"nano", "nobody can type into an editor during a build"},
    {"shutdown", "a build container cannot shut the host down"},
    {"service", "a service started in a RUN stops when the RUN ends and is not running in the image"},
    {"systemctl", "there is no systemd in a build container, and nothing started in a RUN survives it"},
    {"ps", "the process list of a build step says nothing about the running container"},
    {"free", "the memory of the build machine says nothing about the running container"},
    {"top", "the process list of a build step says nothing about the running container"},
    {"kill", "processes of a build step end with the step anyway"},
    {"mount", "mounts made in a RUN do not persist and need privileges a build does not have"},
    {"ifconfig", "the network of the build step is not the network of the running container"},
};

class PointlessCommand : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& c : run_commands(in)) {
      const std::string_view name = c.name();
      for (const auto& p : kPointless) {
        if (name != p.program) continue;
        Range r = c.range(c.prog);
        Finding f = in.at(r,
                          std::string(p.program) + " in the RUN on line " + std::to_string(r.begin.line) + " is pointless: " +
                              std::string(p.why),
                          util::text_of(in.df, c.whole()));
        f.root_cause = "A RUN executes once at build time in a throw-away container; interactive and runtime commands do nothing useful there.";
        f.fix = p.program == "service"sv || p.program == "systemctl"sv
                    ? "start the service from CMD/ENTRYPOINT (in the foreground), not from RUN"
                    : "remove `" + std::string(p.program) + "` from the RUN";
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1101",
      .name = "pointless-command",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "Command that makes no sense in a RUN",
      .rationale = "Interactive tools, service managers and process inspection run once in a throw-away build container: "
                   "their effect does not reach the image, and a service started there is not running when the container starts.",
      .fix = "Remove the command; start services from CMD or ENTRYPOINT.",
      .aliases = {"DL3001"},
  });
};

DD_DOCKERFILE_RULE(PointlessCommand)

}  // namespace
}  // namespace dd::dockerfile
