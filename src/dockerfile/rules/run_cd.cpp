// DD1102: cd in a RUN instead of WORKDIR.
#include <algorithm>
#include <cctype>

#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

// A directory the RUN goes back from (cd /, cd -, cd ..) or that holds no
// working state: these are excursions, not a missing WORKDIR.
bool returns(std::string_view dir) {
  return dir.empty() || dir == "/"sv || dir == "-"sv || dir == ".."sv || dir == "~"sv || dir == "$HOME"sv ||
         dir == "${HOME}"sv || dir == "$OLDPWD"sv || dir == "${OLDPWD}"sv || dir == "."sv;
}

// Scratch space: /tmp, /var/tmp, a mktemp result or a variable named like one.
bool temporary(std::string_view dir) {
  if (util::starts_with(dir, "/tmp") || util::starts_with(dir, "/var/tmp") || util::starts_with(dir, "/dev/shm") ||
      dir.find("mktemp") != std::string_view::npos)
    return true;
  std::string low;
  for (char ch : dir) low += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return low.find("$tmp") != std::string::npos || low.find("${tmp") != std::string::npos ||
         low.find("$temp") != std::string::npos || low.find("${temp") != std::string::npos ||
         low.find("gnupghome") != std::string::npos;
}

// `dir` equals `removed` or lies below it.
bool inside(std::string_view dir, std::string_view removed) {
  while (removed.size() > 1 && removed.back() == '/') removed.remove_suffix(1);
  while (dir.size() > 1 && dir.back() == '/') dir.remove_suffix(1);
  if (removed.empty() || removed == "/"sv) return false;
  return dir == removed || (util::starts_with(dir, removed) && dir.size() > removed.size() && dir[removed.size()] == '/');
}

class RunCd : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& st : in.df.stages) {
      if (inherits_workdir(in, st)) continue;
      std::vector<const Instruction*> ins;
      for (size_t idx : st.instructions) ins.push_back(&in.df.instructions[idx]);
      // A stage with its own WORKDIR keeps it: a cd there is an excursion.
      if (std::any_of(ins.begin(), ins.end(), [](auto* i) { return i->kind == Kw::WORKDIR; })) continue;
      for (const Instruction* i : ins)
        if (const Instruction* r = run_of(*i)) check_run(in, *r, ins, out);  // ONBUILD RUN too
    }
  }

 private:
  // A WORKDIR in force at the stage's FROM: set by a stage it is built FROM.
  static bool inherits_workdir(const LintInput& in, const Stage& st) {
    if (st.from_index >= in.df.instructions.size()) return false;
    return !stage_graph(in).workdirs_at(in.df.instructions[st.from_index]).empty();
  }

  // True when other instructions of the stage work in `dir` too: a COPY/ADD
  // puts files there, another RUN cds there as well, or the start command
  // names a path in it. Then WORKDIR is what the author means.
  static bool worked_in(const LintInput& in, const Instruction& self, const std::vector<const Instruction*>& stage,
                        std::string_view dir) {
    if (dir.empty() || dir.find('$') != std::string_view::npos) return false;
    for (const Instruction* i : stage) {
      if ((i->kind == Kw::COPY || i->kind == Kw::ADD) && i->args.size() >= 2 &&
          inside(i->args.back().text, dir))
        return true;
      if (i->kind == Kw::RUN && i != &self)
        for (const auto& c : commands(in, *i))
          if (c.name() == "cd"sv && c.depth == 0 && c.size() > 1 && inside(c.arg(1), dir) && inside(dir, c.arg(1)))
            return true;
      if (i->kind == Kw::CMD || i->kind == Kw::ENTRYPOINT)
        for (const auto& a : i->args)
          if (inside(a.text, dir)) return true;
    }
    return false;
  }

  // As an expert reads it (and hadolint's DL3003 in spirit): a top-level cd
  // whose directory the rest of the RUN keeps working in, and that later
  // instructions would want too. A cd back (cd /), a second cd that scopes
  // the first, a scratch or deleted folder, a subshell or a trailing cd are
  // deliberate and get nothing. A stage that already has a WORKDIR keeps it:
  // the cd is an excursion there.
  void check_run(const LintInput& in, const Instruction& ins, const std::vector<const Instruction*>& stage,
                 Report& out) const {
    const auto& cmds = commands(in, ins);
    for (size_t i = 0; i < cmds.size(); ++i) {
      const auto& c = cmds[i];
      if (c.name() != "cd"sv || c.prog != 0 || c.depth != 0 || i + 1 == cmds.size()) continue;
      std::string dir = c.size() > 1 ? std::string(c.arg(1)) : std::string();
      if (dir == "-P"sv || dir == "-L"sv) dir = c.size() > 2 ? std::string(c.arg(2)) : std::string();
      if (returns(dir) || temporary(dir)) continue;
      bool scoped = false;
      for (size_t k = i + 1; k < cmds.size() && !scoped; ++k) {
        const auto& n = cmds[k];
        if (n.name() == "cd"sv && n.depth == 0) scoped = true;  // goes elsewhere (often back to /)
        if (n.name() == "rm"sv)
          for (size_t a = n.prog + 1; a < n.size(); ++a)
            if (!util::is_option(n.arg(a)) && inside(dir, n.arg(a))) scoped = true;
      }
      if (scoped) return;  // the whole RUN is an excursion
      if (!worked_in(in, ins, stage, dir)) continue;
      Range r = c.range(0);
      Finding f = in.at(r, "cd " + dir + " on line " + std::to_string(r.begin.line) +
                               " changes directory for this RUN only; use WORKDIR so every later instruction sees it",
                        util::text_of(in.df, c.whole()));
      f.root_cause = "Each RUN starts in the WORKDIR again, so a cd is easy to forget in the next RUN and hides the layout.";
      f.fix = "WORKDIR " + (dir[0] == '/' || dir[0] == '$' ? dir : "/" + dir);
      out.add(info_, std::move(f));
      return;  // one finding per RUN
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1102",
      .name = "run-cd",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "cd in RUN instead of WORKDIR",
      .rationale = "A cd only lasts for one RUN; the next RUN, COPY or CMD runs in the WORKDIR again, which breaks relative paths silently.",
      .fix = "WORKDIR /app",
      .aliases = {"DL3003", "DS013", "AVD-DS-0013"},
  });
};

DD_DOCKERFILE_RULE(RunCd)

}  // namespace
}  // namespace dd::dockerfile
