// DD1025: COPY/ADD with several sources to a destination without a trailing slash.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class CopyMultiSource : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (!in_build(ins)) continue;  // before the first FROM: DD1021 (DL3061) only
      if ((ins.kind != Kw::COPY && ins.kind != Kw::ADD) || !ins.heredocs.empty() || ins.args.size() < 3) continue;
      // A line the parser rejected (`COPY --from builder a b`) has no sources to count: DD0001 says why.
      if (std::any_of(in.df.errors.begin(), in.df.errors.end(), [&](const ParseError& e) {
            return e.range.begin.line >= ins.range.begin.line && e.range.begin.line <= ins.range.end.line;
          }))
        continue;
      const auto& dest = ins.args.back();
      std::string d = dest.text;
      if (d.size() >= 2 && (d.front() == '"' || d.front() == '\'')) d = d.substr(1, d.size() - 2);
      if (d.empty() || d.back() == '/' || d.back() == '\\' || d.find('$') != std::string::npos) continue;
      Finding f = in.at(dest.range, ins.keyword + " on line " + std::to_string(ins.range.begin.line) + " copies " +
                                        std::to_string(ins.args.size() - 1) + " sources to '" + d +
                                        "', which must end with / to be a directory");
      f.root_cause = "Several sources can only be copied into a directory, written with a trailing slash.";
      f.fix = ins.keyword + " ... " + d + "/";
      if (!ins.exec_form) in.propose({dest.range, dest.text + "/"});
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1025",
      .name = "copy-multi-source-slash",
      .category = Category::best_practice,
      .severity = Severity::error,
      .summary = "COPY/ADD with several sources to a destination without a trailing slash",
      .rationale = "With more than one source the destination must be a directory ending in /; otherwise the build fails.",
      .fix = "COPY package.json package-lock.json ./",
      .aliases = {"DL3021", "DS011", "AVD-DS-0011"},
  });
};

DD_DOCKERFILE_RULE(CopyMultiSource)

}  // namespace
}  // namespace dd::dockerfile
