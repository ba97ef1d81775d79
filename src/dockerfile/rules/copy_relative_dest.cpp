// DD1028: COPY to a relative destination without WORKDIR.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

bool absolute(std::string_view p) {
  return p.empty() || p[0] == '/' || p[0] == '$' || p[0] == '\\' || (p.size() > 1 && p[1] == ':');
}

class CopyRelativeDest : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    std::vector<bool> workdir(in.df.stages.size(), false);
    for (const auto& ins : in.df.instructions) {
      if (ins.stage < 0 || ins.stage >= static_cast<int>(workdir.size())) continue;
      if (ins.kind == Kw::FROM) {
        const auto& st = in.df.stages[ins.stage];
        if (st.base_stage && *st.base_stage < ins.stage) workdir[ins.stage] = workdir[*st.base_stage];
        continue;
      }
      if (ins.kind == Kw::WORKDIR) workdir[ins.stage] = true;
      if ((ins.kind != Kw::COPY && ins.kind != Kw::ADD) || workdir[ins.stage]) continue;
      // `COPY ./app # Set the working directory`: a Dockerfile has no inline
      // comments, so the words from "#" on are arguments (another rule says
      // so). The destination is judged on the words before them.
      size_t hash = ins.exec_form ? ins.args.size() : 0;
      while (hash < ins.args.size() && !ins.args[hash].text.starts_with('#')) ++hash;
      if (hash < 2) continue;
      const auto& dest = ins.args[hash - 1];
      std::string d = dest.text;
      if (d.size() >= 2 && (d.front() == '"' || d.front() == '\'')) d = d.substr(1, d.size() - 2);
      if (absolute(d)) continue;
      Finding f = in.at(dest.range, ins.keyword + " on line " + std::to_string(ins.range.begin.line) + " copies to the relative path '" +
                                        d + "' but no WORKDIR is set in this stage");
      f.root_cause = "A relative destination resolves against the base image's working directory.";
      // Pasteable: the WORKDIR goes before this instruction.
      f.fix = "WORKDIR /app";
      const Pos cut = hash < ins.args.size() ? ins.args[hash].range.begin : Pos{};
      if (hash < ins.args.size() && cut.line == ins.range.begin.line && ins.range.end.line == cut.line &&
          static_cast<size_t>(cut.line) <= in.df.lines.size() && cut.column >= 1) {
        // The "comment" goes above as a real one, the instruction without it.
        std::string_view line = in.df.lines[cut.line - 1];
        size_t col = std::min(line.size(), static_cast<size_t>(cut.column - 1));
        std::string_view head = line.substr(0, col), comment = line.substr(col);
        while (!head.empty() && (head.back() == ' ' || head.back() == '\t')) head.remove_suffix(1);
        while (!comment.empty() && (comment.back() == ' ' || comment.back() == '\t' || comment.back() == '\r'))
          comment.remove_suffix(1);
        f.fix += "\n" + std::string(comment) + "\n" + std::string(head);
        out.add(info_, std::move(f));
        continue;
      }
      for (int l = ins.range.begin.line; l >= 1 && l <= ins.range.end.line && static_cast<size_t>(l) <= in.df.lines.size(); ++l)
        f.fix += "\n" + in.df.lines[l - 1];
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1028",
      .name = "copy-relative-dest",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "COPY to a relative destination without WORKDIR",
      .rationale = "Without a WORKDIR the destination is relative to the base image working directory, which differs between images and versions: files land in / or elsewhere and the CMD does not find them.",
      .fix = "WORKDIR /app\\nCOPY . .",
      .aliases = {"DL3045"},
  });
};

DD_DOCKERFILE_RULE(CopyRelativeDest)

}  // namespace
}  // namespace dd::dockerfile
