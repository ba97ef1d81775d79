#pragma once
// Table-driven checks shared by the package-manager rules: version pins,
// non-interactive flags, cache cleanup. Each rule file fills a spec.
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/rules/rule_util.h"

namespace dd::dockerfile::util {



inline bool in(WordList set, std::string_view w) {
  for (auto s : set)
    if (s == w) return true;
  return false;
}

// True when some RUN of the file runs one of `programs`: the package-manager
// rules skip files that never call theirs. The set of program names is built
// once per file.
inline bool runs_any(const LintInput& in_, WordList programs) {
  static const char tag = 0;
  const auto& names = in_.memo<std::vector<std::string_view>>(&tag, [&] {
    std::vector<std::string_view> out;
    for (const auto& ins : in_.df.instructions)
      for (const auto& c : commands(in_, ins))
        if (std::find(out.begin(), out.end(), c.name()) == out.end()) out.push_back(c.name());
    return out;
  });
  for (auto p : programs)
    if (std::find(names.begin(), names.end(), p) != names.end()) return true;
  return false;
}

// An install-like command: `prog [opts] sub [opts] operands...`.
struct PkgCmd {
  Cmd c;
  size_t sub = 0;              // index of the subcommand word (0 when the tool has none)
  std::vector<size_t> operands;  // package words
};

// Commands of `ins` run by one of `programs` with a subcommand in `subs`
// (any subcommand when `subs` is empty and `no_sub` says the tool has none).
inline std::vector<PkgCmd> pkg_commands(const LintInput& in_, const Instruction& ins, WordList programs,
                                        WordList subs, WordList with_value,
                                        bool no_sub = false) {
  std::vector<PkgCmd> out;
  for (const auto& c : commands(in_, ins)) {
    if (!in(programs, c.name())) continue;
    auto ops = operands(c, with_value);
    PkgCmd p{c, 0, {}};
    if (!no_sub) {
      if (ops.empty() || !in(subs, c.arg(ops.front()))) continue;
      p.sub = ops.front();
      ops.erase(ops.begin());
    }
    p.operands = std::move(ops);
    out.push_back(std::move(p));
  }
  return out;
}

// Words that name no registry package: files, URLs, variables, options.
inline bool not_a_package(std::string_view w) {
  return w.empty() || w.find('$') != std::string_view::npos || w.find('/') != std::string_view::npos ||
         w.find('`') != std::string_view::npos || w[0] == '.' || w[0] == '-' || ends_with(w, ".deb") ||
         ends_with(w, ".rpm") || ends_with(w, ".apk") || w.find("://") != std::string_view::npos;
}

inline std::string join_names(const std::vector<std::string>& names, size_t max = 5) {
  std::string s;
  for (size_t i = 0; i < names.size() && i < max; ++i) s += (i ? ", " : "") + names[i];
  if (names.size() > max) s += " and " + std::to_string(names.size() - max) + " more";
  return s;
}

struct PinSpec {
  Words programs;
  Words subs;
  Words with_value;
  bool (*pinned)(std::string_view pkg);
  bool (*skip)(std::string_view pkg);  // extra non-package words
  std::string (*pin_example)(std::string_view pkg);
  bool (*is_file)(std::string_view w) = nullptr;  // replaces not_a_package when set
  bool (*cmd_pinned)(const Cmd& c) = nullptr;     // a command-wide pin such as gem -v
};

// One finding per command, at its first unpinned package.
inline void check_pins(const LintInput& in_, Report& out, const RuleInfo& info, const PinSpec& spec) {
  if (!runs_any(in_, spec.programs)) return;
  for (const auto& ins : in_.df.instructions) {
    for (const auto& p : pkg_commands(in_, ins, spec.programs, spec.subs, spec.with_value)) {
      if (spec.cmd_pinned && spec.cmd_pinned(p.c)) continue;
      std::vector<std::string> loose;
      size_t first = 0;
      for (size_t i : p.operands) {
        std::string_view w = p.c.arg(i);
        if ((spec.is_file ? spec.is_file(w) : not_a_package(w)) || (spec.skip && spec.skip(w)) || spec.pinned(w)) continue;
        if (loose.empty()) first = i;
        loose.emplace_back(w);
      }
      if (loose.empty()) continue;
      std::string tool(p.c.name());
      if (p.sub) tool += " " + std::string(p.c.arg(p.sub));
      Finding f = in_.at(p.c.range(first),
                         tool + " on line " + std::to_string(p.c.range(first).begin.line) + " installs " +
                             join_names(loose) + " without a version pin, so every rebuild may get a different version",
                         text_of(in_.df, p.c.range(first)));
      f.root_cause = "Unpinned packages resolve to whatever the index holds on the day of the build.";
      f.fix = tool + " " + spec.pin_example(loose.front());
      out.add(info, std::move(f));
    }
  }
}

struct YesSpec {
  Words programs;
  Words subs;
  Words with_value;
  Words accepted;  // any of these makes it non-interactive
  std::string_view flag;                             // the flag to suggest
};

// True when the RUN runs the command non-interactively through an option
// value, e.g. apt-get -o APT::Get::Assume-Yes=true.
inline bool assume_yes_option(const Cmd& c) {
  for (size_t i = c.prog + 1; i < c.size(); ++i) {
    std::string v = lower(c.arg(i));
    if (v.find("assume-yes=true") != std::string::npos || v.find("assume-yes=1") != std::string::npos) return true;
  }
  return false;
}

inline void check_yes(const LintInput& in_, Report& out, const RuleInfo& info, const YesSpec& spec) {
  if (!runs_any(in_, spec.programs)) return;
  for (const auto& ins : in_.df.instructions) {
    for (const auto& p : pkg_commands(in_, ins, spec.programs, spec.subs, spec.with_value)) {
      bool ok = false;
      for (auto a : spec.accepted) ok = ok || has_opt(p.c, {a});
      if (ok || assume_yes_option(p.c)) continue;
      std::string cmd = std::string(p.c.name()) + " " + std::string(p.c.arg(p.sub));
      Range r = p.c.range(p.sub);
      Finding f = in_.at(r,
                         cmd + " on line " + std::to_string(r.begin.line) + " runs without " + std::string(spec.flag) +
                             ": it waits for a confirmation that never comes and the build aborts",
                         text_of(in_.df, p.c.whole()));
      f.root_cause = "A build has no terminal, so a confirmation prompt reads end-of-file and answers no.";
      f.fix = cmd + " " + std::string(spec.flag) + " ...";
      out.add(info, std::move(f));
    }
  }
}

// True when the RUN mounts a cache (then nothing lands in the layer).
inline bool has_cache_mount(const Instruction& ins) {
  for (const auto& fl : ins.flags)
    if (fl.name == "mount"sv && fl.value.find("type=cache") != std::string::npos) return true;
  return false;
}

struct CleanSpec {
  Words programs;  // the installer
  Words subs;      // install subcommands
  Words with_value;
  // Commands that clean: program + first operand ("yum", "clean"); an
  // empty sub means any use of the program.
  std::vector<std::pair<std::string_view, std::string_view>> cleaners;
  Words cache_dirs;  // `rm -rf <dir...>` also cleans
  std::string_view fix;
  std::string_view cache_name;
};

inline bool cleans(const Cmd& c, const CleanSpec& spec) {
  for (const auto& [prog, sub] : spec.cleaners) {
    if (c.name() != prog) continue;
    if (sub.empty()) return true;
    auto ops = operands(c);
    if (!ops.empty() && c.arg(ops.front()) == sub) return true;
    if (ops.size() > 1 && c.arg(ops[0]) == "cache"sv && c.arg(ops[1]) == sub) return true;
  }
  if (c.name() == "rm"sv)
    for (size_t i = c.prog + 1; i < c.size(); ++i)
      for (auto d : spec.cache_dirs)
        if (starts_with(c.arg(i), d)) return true;
  return false;
}

inline void check_clean(const LintInput& in_, Report& out, const RuleInfo& info, const CleanSpec& spec) {
  if (!runs_any(in_, spec.programs)) return;
  for (const auto& ins : in_.df.instructions) {
    if (ins.kind != Kw::RUN || has_cache_mount(ins) || !stage_ships(in_.df, ins.stage)) continue;
    auto installs = pkg_commands(in_, ins, spec.programs, spec.subs, spec.with_value);
    if (installs.empty()) continue;
    bool clean = false;
    for (const auto& c : commands(in_, ins)) clean = clean || cleans(c, spec);
    if (clean) continue;
    const auto& p = installs.front();
    Range r = p.c.range(p.c.prog);
    std::string cmd = std::string(p.c.name()) + " " + std::string(p.c.arg(p.sub));
    Finding f = in_.at(r,
                       cmd + " on line " + std::to_string(r.begin.line) + " leaves the " + std::string(spec.cache_name) +
                           " in the layer: the RUN does not clean it",
                       text_of(in_.df, p.c.whole()));
    f.root_cause = "Files left by a RUN stay in its layer forever; a later RUN cannot shrink the image.";
    f.fix = std::string(spec.fix);
    out.add(info, std::move(f));
  }
}

}  // namespace dd::dockerfile::util
