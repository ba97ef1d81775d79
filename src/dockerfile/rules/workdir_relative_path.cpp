// DD1010: Relative WORKDIR without an absolute one before it.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

bool absolute(std::string_view p) {
  if (p.empty()) return true;
  if (p[0] == '/' || p[0] == '$' || p[0] == '\\') return true;
  return p.size() > 1 && p[1] == ':';  // C:\\ on Windows
}

class WorkdirRelativePath : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    std::vector<bool> has_abs(in.df.stages.size(), false);
    for (const auto& ins : in.df.instructions) {
      if (ins.stage < 0 || ins.stage >= static_cast<int>(has_abs.size())) continue;
      if (ins.kind == Kw::FROM) {
        const auto& st = in.df.stages[ins.stage];
        if (st.base_stage && *st.base_stage < ins.stage) has_abs[ins.stage] = has_abs[*st.base_stage];
        continue;
      }
      if (ins.kind != Kw::WORKDIR) continue;
      std::string path = ins.args.empty() ? ins.args_text : ins.args[0].text;
      if (path.size() >= 2 && (path[0] == '"' || path[0] == '\'')) path = path.substr(1, path.size() - 2);
      if (absolute(path)) {
        has_abs[ins.stage] = true;
        continue;
      }
      if (has_abs[ins.stage]) continue;
      Range r = ins.args.empty() ? ins.args_range : ins.args[0].range;
      Finding f = in.at(r, "WORKDIR " + path + " on line " + std::to_string(r.begin.line) +
                               " is relative and no absolute WORKDIR precedes it in this stage: it depends on the base image's WORKDIR");
      f.root_cause = "Relative WORKDIR paths are joined to the inherited working directory.";
      f.fix = "WORKDIR /" + path;
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1010",
      .name = "workdir-relative-path",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Relative WORKDIR without an absolute one before it",
      .rationale = "A relative WORKDIR is resolved against the WORKDIR of the base image; when the base image changes it, files land elsewhere and the CMD fails to find them.",
      .fix = "WORKDIR /app",
      .aliases = {"WorkdirRelativePath", "DL3000", "DS009", "AVD-DS-0009"},
  });
};

DD_DOCKERFILE_RULE(WorkdirRelativePath)

}  // namespace
}  // namespace dd::dockerfile
