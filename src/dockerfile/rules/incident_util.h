#pragma once
// Helpers shared by the DD2xxx incident rules: the stages that end up in the
// shipped image, the effective CMD/ENTRYPOINT, EXPOSEd ports, COPY sources,
// and redaction of any text that may hold a secret.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/redact.h"
#include "dockerfile/command.h"
#include "dockerfile/knowledge.h"
#include "dockerfile/rule.h"
#include "dockerfile/stages.h"
#include "secrets/secrets.h"

namespace dd::dockerfile::inc {

// The stage graph lives in dockerfile/stages.h (one place for every rule).
using dockerfile::chain_base;
using dockerfile::chain_instructions;
using dockerfile::final_chain;
using dockerfile::final_instructions;
using dockerfile::stage_chain;

inline bool is_scratch(const kb::ImageRef& r) { return r.path == "scratch"sv && r.registry.empty(); }
inline bool is_distroless(const kb::ImageRef& r) {
  return kb::contains(r.path, "distroless") || r.registry == "cgr.dev"sv || kb::contains(r.path, "chainguard");
}
inline bool is_alpine_like(const kb::ImageRef& r) {
  std::string_view name = kb::basename(r.path);  // mirrors and private copies: myorg/busybox
  return name == "alpine"sv || name == "busybox"sv || kb::contains(kb::lower(r.tag), "alpine") ||
         kb::contains(r.path, "alpine");
}

// The last instruction with `keyword` in the chain, or nullptr.
inline const Instruction* last_of(const std::vector<const Instruction*>& ins, std::string_view keyword) {
  for (auto it = ins.rbegin(); it != ins.rend(); ++it)
    if ((*it)->keyword == keyword) return *it;
  return nullptr;
}

// The shell text of a RUN, heredoc bodies included.
inline std::string run_text(const Instruction& ins) {
  std::string s = ins.args_text;
  for (const auto& h : ins.heredocs) s += "\n" + h.body;
  return s;
}

// True when the text of the instruction (arguments and heredoc bodies)
// contains one of `words`: a cheap superset test that lets a rule skip the
// instructions that cannot run the programs it looks for.
inline bool mentions(const Instruction& ins, std::initializer_list<std::string_view> words) {
  auto in = [&](std::string_view t) {
    for (auto w : words)
      if (t.find(w) != std::string_view::npos) return true;
    return false;
  };
  if (in(ins.args_text)) return true;
  for (const auto& h : ins.heredocs)
    if (in(h.body)) return true;
  return false;
}

inline bool has_mount(const Instruction& ins, std::string_view type) {
  for (const auto& f : ins.flags)
    if (f.name == "mount"sv && (kb::contains(f.value, std::string("type=") + std::string(type))))
      return true;
  return false;
}

// COPY/ADD sources (every argument but the last), skipping heredoc COPYs.
inline std::vector<const Arg*> copy_sources(const Instruction& ins) {
  std::vector<const Arg*> out;
  if ((ins.kind != Kw::COPY && ins.kind != Kw::ADD) || ins.args.size() < 2) return out;
  for (size_t i = 0; i + 1 < ins.args.size(); ++i)
    if (ins.args[i].text.rfind("<<", 0) != 0) out.push_back(&ins.args[i]);
  return out;
}
inline bool copies_from_stage(const Instruction& ins) { return ins.flag("from") != nullptr; }

// EXPOSEd ports (numbers) with the instruction that declares them.
struct Port {
  int number = 0;
  const Instruction* ins = nullptr;
};
inline std::vector<Port> exposed_ports(const LintInput& in, const std::vector<const Instruction*>& chain) {
  std::vector<Port> out;
  for (const Instruction* i : chain) {
    if (i->kind != Kw::EXPOSE) continue;
    const auto& vars = in.scope(*i);
    for (const auto& a : i->args) {
      std::string v = expand(a.text, vars, in.df.escape).value;
      size_t n = 0;
      int p = 0;
      while (n < v.size() && n < 6 && v[n] >= '0' && v[n] <= '9') p = p * 10 + (v[n++] - '0');
      if (n > 0) out.push_back({p, i});
      else out.push_back({0, i});  // unresolved: still a service
    }
  }
  return out;
}

// The effective start command of the image: the last ENTRYPOINT and CMD of
// the chain (a later ENTRYPOINT resets an inherited CMD).
struct StartCommand {
  const Instruction* entrypoint = nullptr;
  const Instruction* cmd = nullptr;
};
inline StartCommand start_command(const std::vector<const Instruction*>& chain) {
  StartCommand s;
  for (const Instruction* i : chain) {
    if (i->kind == Kw::ENTRYPOINT) {
      s.entrypoint = i;
      s.cmd = nullptr;
    } else if (i->kind == Kw::CMD) {
      s.cmd = i;
    }
  }
  return s;
}

// The commands the container runs at start. An exec-form ENTRYPOINT that is
// a program (not a script) takes an exec-form CMD as its arguments.
inline std::vector<Cmd> start_commands(const LintInput& in, const StartCommand& s) {
  if (s.entrypoint) {
    auto ep = instruction_commands(in, *s.entrypoint);
    if (!s.entrypoint->exec_form || !s.cmd) return ep;
    bool script = ep.size() == 1 && !ep[0].argv.empty() &&
                  (ep[0].argv[0].ends_with(".sh") || kb::contains(ep[0].argv[0], "entrypoint"));
    std::vector<Cmd> cmd = instruction_commands(in, *s.cmd);
    if (script || ep.size() != 1 || ep[0].argv.empty()) return cmd.empty() ? ep : cmd;
    if (s.cmd->exec_form) {
      for (const auto& a : s.cmd->args) ep[0].append(a.text, a.range);
      return ep;
    }
    size_t w = kb::real_program(ep[0].argv);
    if (w >= ep[0].argv.size()) return cmd;  // tini -- / dumb-init: CMD is the program
    return ep;
  }
  if (s.cmd) return instruction_commands(in, *s.cmd);
  return {};
}

// The commands that run at depth 0 (not inside $(...), if bodies...).
inline std::string show(const std::vector<std::string>& argv, size_t from = 0, size_t max_words = 4) {
  std::string out;
  for (size_t i = from; i < argv.size() && i < from + max_words; ++i) out += (out.empty() ? "" : " ") + argv[i];
  if (argv.size() > from + max_words) out += " ...";
  return out;
}

// Replaces every secret-looking value in `text` by its redacted form.
inline std::string safe(std::string_view text) { return secrets::mask(text); }

// A shell variable reference to `name` in `text` ($NAME, ${NAME}, ${NAME:-x}):
// offset of the '$', or npos.
inline size_t find_var(std::string_view text, std::string_view name) {
  size_t pos = 0;
  while ((pos = text.find('$', pos)) != std::string_view::npos) {
    size_t b = pos + 1;
    if (b < text.size() && text[b] == '{') ++b;
    if (text.substr(b, name.size()) == name) {
      size_t e = b + name.size();
      bool ident = e < text.size() && (std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '_');
      if (!ident) return pos;
    }
    ++pos;
  }
  return std::string_view::npos;
}

// Range of [b, e) in the args text of an instruction (or its whole first
// line when the map is empty).
inline Range args_range(const Instruction& ins, size_t b, size_t e) {
  if (ins.args_map.empty() || b >= ins.args_text.size()) return ins.keyword_range;
  return ins.args_map.range(b, std::min(e, ins.args_text.size()));
}

inline std::string on_line(int line) { return "line " + std::to_string(line); }

// Why this command leaves the foreground, and the foreground form: the
// knowledge layer's daemon table, which `diagnose` reads too.
inline bool daemonizes(const kb::ImageRef& base, const dd::kb::Command& c, std::string& why, std::string& fix, size_t& word) {
  auto d = dd::kb::daemonizing(c.argv, base.path, base.tag);
  if (!d) return false;
  why = d->why;
  fix = d->fix;
  word = d->word;
  return true;
}

// True when a RUN of the chain configures the server to stay in the
// foreground (php-fpm daemonize = no, nginx daemon off, supervisord nodaemon).
inline bool configured_foreground(const std::vector<const Instruction*>& chain) {
  for (const Instruction* i : chain) {
    if (i->kind == Kw::RUN && mentions(*i, {"daemonize = no", "daemonize=no", "daemon off", "nodaemon=true", "nodaemon = true"}))
      return true;
  }
  return false;
}

}  // namespace dd::dockerfile::inc
