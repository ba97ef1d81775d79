#pragma once
// The package-manager rules' shared checks (version pins, non-interactive
// flags, cache cleanup). What a manager is (programs, subcommands and their
// aliases, options that take a value, yes flags, pin syntax, cache folders,
// clean commands) comes from the knowledge layer (knowledge/packages.h);
// each rule names the managers it judges.
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/expand.h"
#include "dockerfile/rule.h"
#include "dockerfile/rules/commands.h"
#include "dockerfile/rules/stage_refs.h"
#include "dockerfile/rules/variables.h"
#include "dockerfile/rules/words.h"
#include "dockerfile/rules/ports.h"
#include "dockerfile/rules/redaction.h"
#include "dockerfile/stages.h"
#include "knowledge/packages.h"

namespace dd::dockerfile::util {

inline bool in(WordList set, std::string_view w) {
  for (auto s : set)
    if (s == w) return true;
  return false;
}

// One package-manager command of a RUN, read through the table.
struct PkgUse {
  const Cmd& c;  // one of the instruction's memoized commands
  std::vector<std::string_view> argv;  // the command's words
  dd::kb::PkgCommand k;
  const dd::kb::PackageManager& pm() const { return *k.pm; }
  std::span<const std::string_view> words() const { return argv; }
  // "dnf install", "dnf module install", "uv pip install"
  std::string tool() const {
    std::string t(k.pm->name == "uv pip"sv ? "uv pip"sv : c.name());
    if (k.nested) t += " " + std::string(argv[k.nested]);
    if (k.sub) t += " " + std::string(argv[k.sub]);
    return t;
  }
};

// The package-manager commands of one RUN, computed once per instruction.
inline const std::vector<PkgUse>& pkg_uses(const LintInput& in_, const Instruction& ins) {
  static const char tag = 0;
  return in_.memo<std::vector<PkgUse>>(&tag, ins, [&] {
    std::vector<PkgUse> out;
    for (const auto& c : commands(in_, ins)) {
      std::vector<std::string_view> argv;
      argv.reserve(c.size());
      for (size_t i = 0; i < c.size(); ++i) argv.push_back(c.arg(i));
      auto k = dd::kb::package_command(std::span<const std::string_view>(argv), c.prog);
      if (!k) continue;
      out.push_back({c, std::move(argv), std::move(*k)});
    }
    return out;
  });
}

// The commands of `ins` run by one of the managers named `managers` whose
// subcommand does one of `actions`.
inline std::vector<const PkgUse*> pkg_uses(const LintInput& in_, const Instruction& ins, WordList managers,
                                           std::initializer_list<dd::kb::PkgAction> actions) {
  std::vector<const PkgUse*> out;
  for (const auto& u : pkg_uses(in_, ins))
    if (in(managers, u.k.pm->name) && std::find(actions.begin(), actions.end(), u.k.action) != actions.end())
      out.push_back(&u);
  return out;
}

// True when some RUN of the file runs one of the managers: the rules skip
// files that never call theirs.
inline bool runs_any(const LintInput& in_, WordList managers) {
  static const char tag = 0;
  const auto& names = in_.memo<std::vector<std::string_view>>(&tag, [&] {
    std::vector<std::string_view> out;
    for (const auto& ins : in_.df.instructions)
      for (const auto& u : pkg_uses(in_, ins))
        if (std::find(out.begin(), out.end(), u.k.pm->name) == out.end()) out.push_back(u.k.pm->name);
    return out;
  });
  for (auto p : managers)
    if (std::find(names.begin(), names.end(), p) != names.end()) return true;
  return false;
}

inline std::string join_names(const std::vector<std::string>& names, size_t max = 5) {
  std::string s;
  for (size_t i = 0; i < names.size() && i < max; ++i) s += (i ? ", " : "") + names[i];
  if (names.size() > max) s += " and " + std::to_string(names.size() - max) + " more";
  return s;
}

// True when `name` is declared (ARG or ENV) only in stages that `ins` does
// not build on: its value there never reaches this RUN.
inline bool declared_only_elsewhere(const Dockerfile& df, const Instruction& ins, std::string_view name) {
  std::vector<int> chain;
  for (int s = ins.stage, guard = 0; s >= 0 && s < static_cast<int>(df.stages.size()) && guard < 1000; ++guard) {
    chain.push_back(s);
    const auto& st = df.stages[s];
    if (!st.base_stage || *st.base_stage >= s) break;
    s = *st.base_stage;
  }
  bool elsewhere = false;
  for (const auto& i : df.instructions) {
    if (i.kind != Kw::ARG && i.kind != Kw::ENV) continue;
    bool named = false;
    for (const auto& kv : i.pairs) named = named || kv.key == name;
    if (!named) continue;
    if (i.stage < 0 || std::find(chain.begin(), chain.end(), i.stage) != chain.end()) return false;
    elsewhere = true;
  }
  return elsewhere;
}

// How a package word pins its version. A word with a variable counts as
// pinned (its value is not known here) unless the variable is declared only
// in another, non-inherited stage: then it is empty in this RUN.
inline dd::kb::PinState word_pin(const LintInput& in_, const Instruction& ins, const dd::kb::PackageManager& pm,
                             std::string_view w, bool module, std::string* foreign_var = nullptr) {
  if (w.find('$') == std::string_view::npos) return dd::kb::pin_state(pm, w, module);
  auto refs = var_refs(w, in_.df.escape);
  bool foreign = false;
  for (const auto& r : refs) {
    if (r.has_default) return dd::kb::PinState::not_a_package;
    if (in_.scope(ins).count(r.name)) return dd::kb::PinState::not_a_package;
    if (declared_only_elsewhere(in_.df, ins, r.name)) foreign = true;
    else return dd::kb::PinState::not_a_package;
  }
  if (!foreign) return dd::kb::PinState::not_a_package;
  std::string value;
  size_t at = 0;
  for (const auto& r : refs) {
    value += std::string(w.substr(at, r.begin - at));
    at = r.end;
  }
  value += std::string(w.substr(std::min(at, w.size())));
  // Only a word whose package name is written out: curl=${V}, not ${PKGS}.
  if (value.empty() || refs.front().begin == 0) return dd::kb::PinState::not_a_package;
  if (foreign_var) *foreign_var = refs.front().name;
  return dd::kb::pin_state(pm, value, module);
}

// True when a variable of the manager's pin_env (PIP_CONSTRAINT) is set for
// the command: by ENV or ARG in scope, or as an assignment before it.
inline bool env_pins(const LintInput& in_, const Instruction& ins, const PkgUse& u) {
  for (auto e : u.pm().pin_env) {
    const auto& vars = in_.scope(ins);
    // ENV X= (empty) pins nothing.
    if (auto it = vars.find(e); it != vars.end() && !it->second.empty()) return true;
    // An ARG without a default, in this stage before the RUN: its value comes with --build-arg.
    for (const auto& i : in_.df.instructions) {
      if (i.index >= ins.index) break;
      if (i.kind == Kw::ARG && i.stage == ins.stage && ins.stage >= 0)
        for (const auto& kv : i.pairs)
          if (kv.key == e && !kv.has_value) return true;
    }
    // PIP_CONSTRAINT=c.txt pip install ...: an assignment before the command.
    if (u.c.ins && !u.c.spans.empty() && !u.c.ins->exec_form)
      for (const auto& sc : in_.script(*u.c.ins).commands)
        if (!sc.argv.empty() && sc.argv[0].begin == u.c.spans[0].first)
          for (const auto& [k, v] : sc.assignments)
            if (k == e && !v.empty()) return true;
  }
  return false;
}

// True when `yes` pipes into the command and the manager's prompt reads
// stdin: `yes | apt-get install curl` answers every prompt.
inline bool fed_yes(const LintInput& in_, const Instruction& ins, const PkgUse& u) {
  if (!u.pm().yes_from_stdin) return false;
  const auto& cmds = commands(in_, ins);
  if (cmds.empty() || &u.c <= cmds.data() || &u.c >= cmds.data() + cmds.size()) return false;
  const Cmd& prev = *(&u.c - 1);
  if (prev.next != shell::Connector::pipe || prev.depth != u.c.depth || prev.name() != "yes"sv) return false;
  if (prev.size() <= prev.prog + 1) return true;
  std::string answer = lower(prev.arg(prev.prog + 1));
  return answer == "y"sv || answer == "yes"sv;
}

struct PinSpec {
  Words managers;                 // rows of the package table
  std::string (*fix_prefix)(const PkgUse&) = nullptr;  // options to show before the pinned package
};

// True when, before `ins`, its stage (or a stage it is built FROM) copied a
// go.mod or the whole build context: `go install example.com/x` without
// @version then builds in module mode with the version the module's go.mod
// requires (hugo's `COPY . .` then `go install github.com/magefile/mage`).
inline bool in_go_module(const LintInput& in_, const Instruction& ins) {
  if (ins.stage < 0 || ins.stage >= static_cast<int>(in_.df.stages.size())) return false;
  auto chain = stage_chain(in_.df, &in_.df.stages[ins.stage]);
  for (const Instruction* i : chain_instructions(in_.df, chain)) {
    if (i == &ins) break;
    if ((i->kind != Kw::COPY && i->kind != Kw::ADD) || i->flag("from") || i->args.size() < 2) continue;
    for (size_t a = 0; a + 1 < i->args.size(); ++a) {
      std::string_view src = i->args[a].text;
      if (src == "."sv || src == "./"sv || src == "go.mod"sv || src == "./go.mod"sv || src.ends_with("/go.mod"))
        return true;
    }
  }
  return false;
}

// One finding per command, at its first unpinned package.
inline void check_pins(const LintInput& in_, Report& out, const RuleInfo& info, const PinSpec& spec) {
  if (!runs_any(in_, spec.managers)) return;
  for (const auto& ins : in_.df.instructions) {
    for (const PkgUse* u : pkg_uses(in_, ins, spec.managers, {dd::kb::PkgAction::install, dd::kb::PkgAction::run})) {
      if (u->k.group(u->words()) || dd::kb::command_pins(u->words(), u->k) || env_pins(in_, ins, *u)) continue;
      bool module = u->k.module(u->words());
      bool run = u->k.action == dd::kb::PkgAction::run;
      std::vector<std::string> loose;
      std::string foreign;  // a variable declared only in another stage
      size_t first = 0;
      for (size_t i : u->k.operands) {
        std::string_view w = u->argv[i];
        // go run pkg@version args...: only a first word with a version is a package.
        if (run && (i != u->k.operands.front() || w.find('@') == std::string_view::npos)) continue;
        // go install without @version inside a module: go.mod pins it.
        if (u->pm().pin == dd::kb::PinStyle::go && u->k.sub_word(u->words()) == "install"sv &&
            w.find('@') == std::string_view::npos && in_go_module(in_, ins))
          continue;
        std::string var;
        if (word_pin(in_, ins, u->pm(), w, module, &var) != dd::kb::PinState::unpinned) continue;
        if (foreign.empty()) foreign = var;
        if (loose.empty()) first = i;
        loose.emplace_back(w);
      }
      if (loose.empty()) continue;
      std::string tool = u->tool();
      Range r = u->c.range(first);
      Finding f = in_.at(r,
                         tool + " on line " + std::to_string(r.begin.line) + " installs " + join_names(loose) +
                             " without a version pin, so every rebuild may get a different version" +
                             (foreign.empty() ? std::string()
                                              : " ($" + foreign +
                                                    " is declared only in another stage that this one does not build "
                                                    "on, so it is empty here)"),
                         text_of(in_.df, r));
      f.root_cause = "Unpinned packages resolve to whatever the index holds on the day of the build.";
      std::string name(dd::kb::package_name(u->pm(), loose.front()));
      if (u->pm().pin == dd::kb::PinStyle::go) {
        auto at = name.rfind('@');
        if (at != std::string::npos) name.erase(at);
      }
      f.fix = tool + " " + (spec.fix_prefix ? spec.fix_prefix(*u) : std::string()) +
              (module ? name + ":<stream>" : dd::kb::pin_example(u->pm(), name));
      out.add(info, std::move(f));
    }
  }
}

struct YesSpec {
  Words managers;
  std::string_view flag;  // the flag to suggest
};

// Commands that would stop at a confirmation prompt: every subcommand that
// changes packages, from the table.
// The external base image of a stage, through FROM <stage>, lower-cased.
inline std::string root_base(const Dockerfile& df, int st) {
  for (int guard = 0; st >= 0 && st < static_cast<int>(df.stages.size()) && guard < 1000; ++guard) {
    const auto& s = df.stages[st];
    if (!s.base_stage || *s.base_stage >= st) return lower(s.base_expanded);
    st = *s.base_stage;
  }
  return {};
}

// microdnf before 3.7 (UBI 8, Oracle Linux 8 and their rebuilds) never asks
// for a confirmation; only later ones need -y.
inline bool microdnf_never_prompts(const Dockerfile& df, int st) {
  std::string base = root_base(df, st);
  for (std::string_view el8 : {"ubi8", "ubi-8", "rhel8", "el8", "oraclelinux:8", "centos:8", "rockylinux:8",
                               "almalinux:8", "rockylinux/rockylinux:8", "almalinux/8"})
    if (base.find(el8) != std::string::npos) return true;
  return false;
}

inline void check_yes(const LintInput& in_, Report& out, const RuleInfo& info, const YesSpec& spec) {
  if (!runs_any(in_, spec.managers)) return;
  using A = dd::kb::PkgAction;
  for (const auto& ins : in_.df.instructions) {
    for (const PkgUse* u : pkg_uses(in_, ins, spec.managers, {A::install, A::remove, A::upgrade, A::dist_upgrade})) {
      if (dd::kb::runs_unattended(u->words(), u->k) || fed_yes(in_, ins, *u)) continue;
      if (u->k.pm->name == "microdnf"sv && microdnf_never_prompts(in_.df, ins.stage)) continue;
      std::string cmd = u->tool();
      Range r = u->c.range(u->k.sub);
      Finding f = in_.at(r,
                         cmd + " on line " + std::to_string(r.begin.line) + " runs without " + std::string(spec.flag) +
                             ": it waits for a confirmation that never comes and the build aborts",
                         text_of(in_.df, u->c.whole()));
      f.root_cause = "A build has no terminal, so a confirmation prompt reads end-of-file and answers no.";
      f.fix = cmd + " " + std::string(spec.flag) + " ...";
      out.add(info, std::move(f));
    }
  }
}

// True when a cache or tmpfs mount of the RUN sits at the folder the
// manager really uses (any other target leaves its cache in the layer).
inline bool mounts_cache(const Instruction& ins, const dd::kb::PackageManager& pm) {
  for (const auto& fl : ins.flags)
    if (fl.name == "mount"sv && dd::kb::mount_covers_cache(pm, fl.value)) return true;
  return false;
}

// True when command `c` removes the manager's cache: its clean command or
// rm of its cache folder.
inline bool cleans(const Cmd& c, std::span<const std::string_view> argv, const dd::kb::PackageManager& pm) {
  if (dd::kb::is_clean_command(pm, argv, c.prog)) return true;
  if (c.name() == "rm"sv)
    for (size_t i = c.prog + 1; i < c.size(); ++i)
      if (!is_option(c.arg(i)) && dd::kb::removes_cache(pm, c.arg(i))) return true;
  return false;
}

struct CleanSpec {
  Words managers;  // the installers whose cache the rule judges
  std::string_view fix;
};

// A RUN that installs and does not clean the cache afterwards, in the same
// RUN, nor mounts a cache or tmpfs at the manager's cache folder.
inline void check_clean(const LintInput& in_, Report& out, const RuleInfo& info, const CleanSpec& spec) {
  if (!runs_any(in_, spec.managers)) return;
  for (const auto& each : in_.df.instructions) {
    // An ONBUILD RUN trigger runs in the child build, whose image ships.
    const Instruction* run = run_of(each);
    if (!run || (run == &each && !stage_ships(in_.df, each.stage))) continue;
    const Instruction& ins = *run;
    auto installs = pkg_uses(in_, ins, spec.managers, {dd::kb::PkgAction::install, dd::kb::PkgAction::upgrade});
    if (installs.empty()) continue;
    const PkgUse* first = installs.front();
    if (mounts_cache(ins, first->pm())) continue;
    // The clean must come after the install it cleans up.
    bool clean = false;
    bool after = false;
    const auto& cmds = commands(in_, ins);
    std::vector<std::string_view> argv;
    for (const auto& c : cmds) {
      if (&c == &first->c) after = true;
      if (!after) continue;
      argv.clear();
      for (size_t i = 0; i < c.size(); ++i) argv.push_back(c.arg(i));
      for (const PkgUse* u : installs) clean = clean || cleans(c, argv, u->pm());
    }
    if (clean) continue;
    Range r = first->c.range(first->c.prog);
    std::string cmd = first->tool();
    Finding f = in_.at(r,
                       cmd + " on line " + std::to_string(r.begin.line) + " leaves the " +
                           std::string(first->pm().cache_name) + " in the layer: the RUN does not clean it",
                       text_of(in_.df, first->c.whole()));
    f.root_cause = "Files left by a RUN stay in its layer forever; a later RUN cannot shrink the image.";
    f.fix = std::string(spec.fix);
    out.add(info, std::move(f));
  }
}

}  // namespace dd::dockerfile::util
