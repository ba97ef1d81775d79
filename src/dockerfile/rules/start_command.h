#pragma once
// The start command of the shipped image: the effective ENTRYPOINT and CMD,
// the commands they run, and whether they leave the foreground.
#include <string>
#include <vector>
#include "dockerfile/command.h"
#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/packages.h"
#include "knowledge/programs.h"
#include "core/text.h"
#include "dockerfile/rule.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/stages.h"
#include "knowledge/programs.h"

namespace dd::dockerfile::inc {

// The stage graph lives in dockerfile/stages.h (one place for every rule).
using dockerfile::chain_base;
using dockerfile::chain_instructions;
using dockerfile::final_chain;
using dockerfile::final_instructions;
using dockerfile::stage_chain;

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
                  (ep[0].argv[0].ends_with(".sh") || text::contains(ep[0].argv[0], "entrypoint"));
    std::vector<Cmd> cmd = instruction_commands(in, *s.cmd);
    if (script || ep.size() != 1 || ep[0].argv.empty()) return cmd.empty() ? ep : cmd;
    if (s.cmd->exec_form) {
      for (const auto& a : s.cmd->args) ep[0].append(a.text, a.range);
      return ep;
    }
    size_t w = ep[0].exe;
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
