// DD2014: the program the container starts is neither in the base image nor
// put there by the Dockerfile (--local-images): the container dies at once
// with "executable file not found in $PATH" (exit 127).
#include "dockerfile/rules/local_image.h"
#include "dockerfile/rules/pkg_util.h"
#include "dockerfile/rule.h"
#include "dockerfile/rules/commands.h"
#include "dockerfile/rules/words.h"
#include "dockerfile/rules/start_script.h"

namespace dd::dockerfile {
namespace {

// Commands that cannot put a program on the PATH. A RUN of anything else
// (a download, cp, ln, a script) may, and then the rule does not guess.
// Package managers pass here; what they install is checked by
// installs_only_data.
bool harmless(const Cmd& c) {
  if (c.argv.empty()) return true;
  for (const auto& r : c.redirects)
    if (!r.second.empty() && r.second.front() == '/' && r.second.rfind("/dev/", 0) != 0) return false;
  std::string_view p = text::basename(c.argv[0]);
  for (std::string_view s : {"mkdir", "chown", "chgrp", "chmod", "rm", "rmdir", "touch", "true", "useradd", "adduser",
                             "groupadd", "addgroup", "usermod", "echo", "printf", "ls", "id", "whoami", "set", "export",
                             "cd", "sed", "ldconfig", "update-ca-certificates", "locale-gen", "setcap", "test", "[",
                             "apk", "apt-get", "apt", "microdnf", "dnf", "yum"})
    if (p == s) return true;
  return false;
}

// The package installs of a RUN bring no commands: certificates, time zones,
// libraries. The same parse of installs as the pinning rules.
bool installs_only_data(const LintInput& in, const Instruction& run) {
  for (const util::PkgUse* p : util::pkg_uses(in, run, {"apk", "apt-get", "apt", "aptitude", "microdnf", "dnf", "dnf5", "yum"},
                                              {dd::kb::PkgAction::install}))
    for (size_t op : p->k.operands) {
      std::string_view a = dd::kb::package_name(p->pm(), p->argv[op]);
      if (!(a == "ca-certificates"sv || a == "tzdata"sv || a.rfind("lib", 0) == 0 || a == "musl-locales"sv))
        return false;
    }
  return true;
}

class StartProgramMissing : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& real = local::final_base(in);
    if (!real) return;
    const auto& all = inc::final_instructions(in);
    const auto start = inc::start_command(all);
    const Instruction* ins = start.entrypoint ? start.entrypoint : start.cmd;
    if (!ins) return;  // the base's own start command
    std::string prog;
    Range at;
    if (ins->exec_form) {
      if (ins->args.empty()) return;
      prog = ins->args.front().text;
      at = ins->args.front().range;
    } else {
      const auto& cmds = instruction_commands(in, *ins);
      if (cmds.empty() || cmds.front().argv.empty()) return;
      prog = cmds.front().argv.front();
      at = cmds.front().range(0);
      // Shell form runs /bin/sh first.
      auto sh = real->store->has_path(real->ref, "/bin/sh");
      if (!sh || !*sh) return;  // DD2042 and the shell-form rules cover a missing shell
    }
    if (prog.empty() || prog.find('$') != std::string::npos || local::shell_builtin(prog)) return;

    // Where the engine looks: the path as given, or each folder of PATH.
    std::vector<std::string> candidates;
    const bool bare = prog.find('/') == std::string::npos;
    if (!bare) {
      // A relative path is looked up in the WORKDIR, the base's when the Dockerfile sets none.
      std::string wd = startscript::workdir_at(in, all, ins);
      if (wd == "/"sv && !real->image.workdir.empty() &&
          std::none_of(all.begin(), all.end(), [](const Instruction* i) { return i->kind == Kw::WORKDIR; }))
        wd = real->image.workdir;
      candidates.push_back(startscript::join_path(wd, prog));
    } else {
      for (const Instruction* i : all)
        if (i->kind == Kw::ENV)
          for (const auto& kv : i->pairs)
            if (kv.key == "PATH"sv) return;  // the image's PATH is not known here
      for (const auto& dir : path_dirs(real->image)) candidates.push_back(dir + "/" + prog);
    }
    // Put there by the Dockerfile?
    for (const Instruction* i : all) {
      if ((i->kind == Kw::COPY || i->kind == Kw::ADD) && i->args.size() >= 2) {
        if (i->args.back().text.find('$') != std::string::npos &&
            !expand(i->args.back().text, in.scope(*i), in.df.escape).unresolved.empty())
          return;
        const std::string& dest = startscript::copy_paths(in, all, i).dest;
        for (const auto& c : candidates)
          if (c == dest || c.starts_with(dest == "/"sv ? "/" : dest + "/")) return;
      } else if (i->kind == Kw::RUN) {
        if (i->exec_form) return;
        for (const auto& c : instruction_commands(in, *i))
          if (!harmless(c)) return;
        if (!installs_only_data(in, *i)) return;
      }
    }
    for (const auto& c : candidates) {
      auto found = real->store->has_path(real->ref, c);
      if (!found || *found) return;
    }
    const int line = ins->range.begin.line;
    Finding f = in.at(at, ins->keyword + " on line " + std::to_string(line) + " starts " + prog + ", which is not " +
                              (bare ? "on the PATH of " : "in ") + real->ref +
                              " (looked up in the local engine) and no step puts it there");
    std::string where;
    if (bare) {
      for (const auto& d : path_dirs(real->image)) where += (where.empty() ? "" : ":") + d;
      where = "PATH=" + where;
    } else {
      where = candidates.front();
    }
    f.root_cause = "The engine cannot exec the program, so the container exits at once with 127 (\"exec: " + prog +
                   ": executable file not found in $PATH\", " + where + "). A program copied from a builder stage "
                   "into a folder that is not on the PATH (a virtualenv, /app/bin) fails the same way.";
    // A folder copied from a builder stage is the usual place the program is in.
    std::string folder = "/venv/bin";
    for (const Instruction* i : all)
      if (i->kind == Kw::COPY && i->flag("from") && i->args.size() >= 2) {
        const std::string& dest = startscript::copy_paths(in, all, i).dest;
        if (dest != "/"sv) folder = dest.ends_with("/bin") ? dest : dest + "/bin";
      }
    f.fix = bare ? "ENV PATH=\"" + folder + ":$PATH\" if " + prog + " is in " + folder + ", or start it by its full path (" +
                       ins->keyword + " [\"" + folder + "/" + prog + "\", ...]), or install it in the final stage"
                 : "COPY the program to " + candidates.front() + " (COPY --from=build /out/" +
                       std::string(ctxrule::base_name(prog)) + " " + candidates.front() + "), or fix the path";
    f.tags = {"process"};
    out.add(info_, std::move(f));
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2014",
      .name = "start-program-missing",
      .category = Category::exits_immediately,
      .severity = Severity::error,
      .summary = "The start program is not in the image",
      .rationale = "The CMD/ENTRYPOINT program is in neither the base image nor any step of the Dockerfile, so the "
                   "container exits at once with 'executable file not found in $PATH'. Checked only with "
                   "--local-images.",
      .fix = "ENV PATH=\"/venv/bin:$PATH\"",
      .tags = {"process"},
  });
};

DD_DOCKERFILE_RULE(StartProgramMissing)

}  // namespace
}  // namespace dd::dockerfile
