// DD2001: the whole source tree is copied before the dependency install, so
// every code change re-runs the install.
#include <set>

#include "context/context.h"
#include "dockerfile/rule.h"
#include "dockerfile/rules/copies.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/start_command.h"

namespace dd::dockerfile {
namespace {

bool is_broad(std::string_view src) {
  return src == "."sv || src == "./"sv || src == "*"sv || src == "./*"sv || src == ".//"sv;
}

// The -r file of a pip install, when there is one.
std::string requirement_file(const std::vector<std::string>& argv) {
  for (size_t i = 0; i + 1 < argv.size(); ++i)
    if (argv[i] == "-r"sv || argv[i] == "--requirement"sv) return argv[i + 1];
  for (const auto& a : argv)
    if (a.rfind("--requirement=", 0) == 0) return a.substr(14);
  return {};
}

// COPY line for the manifests: the ones present in the context when known.
std::string copy_line(const LintInput& in, const kb::Ecosystem& eco, const std::vector<std::string>& argv) {
  if (eco.name == "pip"sv) {
    std::string r = requirement_file(argv);
    if (!r.empty() && r.find('$') == std::string::npos) {
      size_t slash = r.rfind('/');
      return "COPY " + r + " ./" + (slash == std::string::npos ? "" : r.substr(0, slash + 1));
    }
  }
  if (in.context) {
    std::vector<std::string> present;
    for (const auto& e : in.context->entries()) {
      if (e.is_dir || e.path.find('/') != std::string::npos) continue;
      if (kb::is_manifest(eco, e.path) && e.path != ".npmrc"sv) present.push_back(e.path);
    }
    std::sort(present.begin(), present.end());
    if (!present.empty() && present.size() <= 6) {
      std::string s = "COPY";
      for (const auto& p : present) s += " " + p;
      return s + " ./";
    }
  }
  return std::string(eco.copy_manifests);
}

std::string instruction_text(const Dockerfile& df, const Instruction& ins) {
  std::string s;
  for (int l = ins.range.begin.line; l >= 1 && l <= ins.range.end.line && static_cast<size_t>(l) <= df.lines.size(); ++l)
    s += df.lines[l - 1] + "\n";
  return s;
}

class CopyBeforeInstall : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }

  void check(const LintInput& in, Report& out) const override {
    for (const auto& st : in.df.stages) check_stage(in, st, out);
  }

 private:
  void check_stage(const LintInput& in, const Stage& st, Report& out) const {
    const Instruction* broad = nullptr;
    std::vector<std::string> copied;  // sources copied before the broad COPY
    std::set<std::string> reported;   // ecosystems already reported for this stage
    for (const Instruction* ins : stage_instructions(in.df, st)) {
      if ((ins->kind == Kw::COPY || ins->kind == Kw::ADD) && !inc::copies_from_stage(*ins)) {
        for (const Arg* a : inc::copy_sources(*ins)) {
          if (!broad && is_broad(a->text)) broad = ins;
          if (!broad && copied.size() < 256) copied.push_back(a->text);
        }
        continue;
      }
      if (!broad || ins->kind != Kw::RUN || inc::has_mount(*ins, "bind")) continue;
      const auto& cmds = instruction_commands(in, *ins);
      for (const auto& c : cmds) {
        const kb::InstallCommand* ic = nullptr;
        const kb::Ecosystem* eco = kb::install_ecosystem(c.argv, &ic);
        if (!eco || reported.count(std::string(eco->name))) continue;
        bool has_manifest = std::any_of(copied.begin(), copied.end(),
                                        [&](const std::string& s) { return kb::is_manifest(*eco, s); });
        if (has_manifest) continue;
        reported.insert(std::string(eco->name));
        report(in, *broad, *ins, c, *eco, *ic, cmds.size(), out);
      }
    }
  }

  void report(const LintInput& in, const Instruction& copy, const Instruction& run, const Cmd& c,
              const kb::Ecosystem& eco, const kb::InstallCommand& ic, size_t run_commands, Report& out) const {
    size_t p = c.exe;
    std::string cmd = inc::show(c.argv, p, 4);
    std::string copy_text = line_text(in.df, copy.range.begin.line);
    std::string manifests = copy_line(in, eco, c.argv);
    Finding f = in.at(copy, copy_text + " on line " + std::to_string(copy.range.begin.line) +
                                " invalidates the cache of RUN " + cmd + " on line " +
                                std::to_string(run.range.begin.line) + " whenever any file changes");
    f.root_cause = "The dependency install runs after the whole source tree is copied, so any code change re-runs " +
                   std::string(eco.name) + " from scratch.";
    std::string install = ic.deps_only ? cmd : std::string(eco.prefetch);
    // Pasteable: the instructions in the order they belong.
    f.fix = manifests + "\nRUN " + install + "\n" + copy_text;
    f.tags = {std::string(eco.name), "cache"};
    out.add(info_, std::move(f));

    // The mechanical fix: dependency files and install before the broad COPY.
    Pos at{copy.range.begin.line, 1};
    if (ic.deps_only && run_commands == 1 && !run.exec_form && run.heredocs.empty()) {
      in.propose({{at, at}, manifests + "\n" + instruction_text(in.df, run)});
      in.propose({{{run.range.begin.line, 1}, {run.range.end.line + 1, 1}}, ""});
    } else if (!ic.deps_only) {
      in.propose({{at, at}, manifests + "\nRUN " + std::string(eco.prefetch) + "\n"});
    }
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD2001",
      .name = "copy-before-install",
      .category = Category::slow_build,
      .severity = Severity::warning,
      .summary = "Source copied before dependencies are installed",
      .rationale = "COPY . . before the dependency install ties the install layer to every source file: each commit "
                   "re-downloads and rebuilds all dependencies, turning a seconds-long CI build into minutes.",
      .fix = "COPY package.json package-lock.json ./ then RUN npm ci, then COPY . .",
      .tags = {"cache"},
  });
};

DD_DOCKERFILE_RULE(CopyBeforeInstall)

}  // namespace
}  // namespace dd::dockerfile
