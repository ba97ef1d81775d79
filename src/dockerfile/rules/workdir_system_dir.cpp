// DD1032: WORKDIR in a directory the runtime mounts over (/proc, /sys, /dev)
// or a host system directory (/boot, /lost+found, /initrd) (trivy DS030).
#include "dockerfile/rule.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/rules/start_script.h"

namespace dd::dockerfile {
namespace {

// The top-level directory of an absolute, cleaned path: "/proc/x" -> "proc".
std::string_view top_dir(std::string_view p) {
  if (p.size() < 2 || p.front() != '/') return {};
  p.remove_prefix(1);
  return p.substr(0, p.find('/'));
}

class WorkdirSystemDir : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const Stage& st : in.df.stages) {
      auto chain = inc::chain_instructions(in.df, inc::stage_chain(in.df, &st));
      std::string wd = "/";
      for (const Instruction* ins : chain) {
        if (ins->kind != Kw::WORKDIR || ins->args.empty()) continue;
        wd = startscript::join_path(wd, expand(ins->args.front().text, in.scope(*ins), in.df.escape).value);
        if (ins->stage != st.index) continue;  // reported with the stage that writes it
        const std::string_view top = top_dir(wd);
        const bool mounted = top == "proc" || top == "sys" || top == "dev";
        if (!mounted && top != "boot" && top != "lost+found" && top != "initrd") continue;
        Finding f = in.at(ins->args.front().range,
                          "WORKDIR " + ins->args.front().text + " on line " + std::to_string(ins->range.begin.line) +
                              (wd == ins->args.front().text ? " is" : " resolves to " + wd + ",") +
                              (mounted ? " under /" + std::string(top) +
                                             ", which the runtime mounts over: files put there are hidden when the "
                                             "container starts"
                                       : " a host system directory"));
        if (!mounted) f.severity = Severity::warning;
        f.root_cause = mounted ? "Docker and Kubernetes mount procfs, sysfs and a tmpfs /dev over these paths in every "
                                 "container (and in every RUN step), so what the build wrote there is not seen."
                               : "These directories belong to the host's boot and filesystem tooling; an app's "
                                 "working files there confuse both.";
        f.fix = "WORKDIR /app";
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1032",
      .name = "workdir-system-dir",
      .category = Category::missing_dependency,
      .severity = Severity::error,
      .summary = "WORKDIR in a system directory",
      .rationale = "/proc, /sys and /dev are mounted over at run time, so files the build copies into a WORKDIR "
                   "there vanish when the container starts and the app fails to find them; /boot, /lost+found and "
                   "/initrd are host system directories.",
      .fix = "WORKDIR /app",
      .aliases = {"DS030", "AVD-DS-0030"},
  });
};

DD_DOCKERFILE_RULE(WorkdirSystemDir)

}  // namespace
}  // namespace dd::dockerfile
