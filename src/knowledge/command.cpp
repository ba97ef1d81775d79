#include "knowledge/command.h"

#include "knowledge/programs.h"

namespace dd::kb {

using SV = std::string_view;

std::string_view Command::name() const { return program_name(arg(prog)); }

void Command::locate() {
  exe = real_program(argv);
  prog = program_index(argv);
}

size_t program_index(const std::vector<std::string>& argv) {
  size_t p = real_program(argv);
  if (p >= argv.size()) p = 0;
  // python -m pip install ...: the module is the program.
  if (program_name(argv.empty() ? SV() : SV(argv[p])).starts_with("python") && p + 2 < argv.size() &&
      argv[p + 1] == "-m")
    p += 2;
  return p;
}

namespace {

Command from_shell(const shell::Command& c) {
  Command out;
  out.argv.reserve(c.argv.size());
  out.spans.reserve(c.argv.size());
  for (const auto& w : c.argv) {
    out.argv.push_back(w.value);
    out.spans.emplace_back(w.begin, w.end);
  }
  for (const auto& r : c.redirects) out.redirects.emplace_back(r.op, r.target.value);
  out.begin = c.begin;
  out.end = c.end;
  out.next = c.next;
  out.background = c.background || c.next == shell::Connector::background;
  out.depth = c.depth;
  out.locate();
  return out;
}

bool is_shell(SV p) { return p == "sh" || p == "bash" || p == "ash" || p == "dash" || p == "zsh"; }

}  // namespace

std::vector<Command> shell_commands(const shell::Script& script) {
  std::vector<Command> out;
  out.reserve(script.commands.size());
  for (const auto& c : script.commands)
    if (!c.argv.empty()) out.push_back(from_shell(c));
  return out;
}

std::vector<Command> shell_commands(std::string_view script) { return shell_commands(shell::parse(script)); }

std::vector<Command> exec_commands(std::vector<std::string> argv) {
  std::vector<Command> out;
  if (argv.empty()) return out;
  if (is_shell(program_name(argv[0])) && argv.size() >= 3 && argv[1].size() >= 2 && argv[1][0] == '-' &&
      argv[1].find('c') != std::string::npos) {
    out = shell_commands(argv[2]);
    for (auto& c : out) c.script_word = 2;
    return out;
  }
  Command c;
  c.argv = std::move(argv);
  c.locate();
  out.push_back(std::move(c));
  return out;
}

// ---- the start command ------------------------------------------------------------

namespace {

// A program that runs its arguments (`exec "$@"`): docker-entrypoint.sh, entrypoint.
bool is_entrypoint_script(SV word) {
  SV n = program_name(word);
  return n.ends_with(".sh") || n.find("entrypoint") != SV::npos;
}

// Up to three words from `from`, for messages.
std::string start_words(const std::vector<std::string>& argv, size_t from) {
  std::string out;
  for (size_t i = from; i < argv.size() && i < from + 3; ++i) out += (out.empty() ? "" : " ") + argv[i];
  if (argv.size() > from + 3) out += " ...";
  return out;
}

}  // namespace

std::optional<StartDaemonizing> start_daemonizing(const std::vector<std::string>& argv, std::string_view image_path,
                                                  std::string_view image_tag) {
  auto cmds = exec_commands(argv);
  const Command* last = nullptr;
  for (const auto& c : cmds)
    if (c.depth == 0) last = &c;
  if (!last || last->wrappers_only()) return std::nullopt;
  if (last->background) {
    StartDaemonizing out;
    out.background = true;
    out.last = *last;
    out.how.word = last->prog;
    out.how.flag = "&";
    out.how.why = start_words(last->argv, last->prog) +
                  " is started with a trailing &: the shell exits at once and takes the container with it";
    out.how.fix = "exec";
    for (size_t i = last->prog; i < last->size(); ++i) out.how.fix += " " + last->argv[i];
    return out;
  }
  size_t p = real_program(last->argv);
  // `tini -- sh -c SCRIPT`, `gosu app bash -c SCRIPT`: the script decides.
  if (cmds.size() == 1 && p > 0 && p + 2 < last->size() && is_shell(program_name(last->argv[p])))
    return start_daemonizing(std::vector<std::string>(last->argv.begin() + static_cast<long>(p), last->argv.end()),
                             image_path, image_tag);
  if (p + 1 < last->size() && is_entrypoint_script(last->argv[p]) && cmds.size() == 1)
    return start_daemonizing(std::vector<std::string>(last->argv.begin() + static_cast<long>(p) + 1, last->argv.end()),
                             image_path, image_tag);
  auto d = daemonizing(last->argv, image_path, image_tag);
  if (!d) return std::nullopt;
  StartDaemonizing out;
  out.how = std::move(*d);
  out.last = *last;
  return out;
}

std::string exec_form(const std::vector<std::string>& argv) {
  std::string out = "[";
  for (size_t i = 0; i < argv.size(); ++i) {
    out += i ? ", \"" : "\"";
    for (char c : argv[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "]";
}

std::string exec_form_of(std::string_view fix) {
  if (fix.empty() || fix.find('<') != SV::npos || fix.find("without") != SV::npos || fix.find("run the") != SV::npos ||
      fix.find('$') != SV::npos)
    return {};
  auto script = shell::parse(fix);
  if (script.commands.size() != 1 || !script.errors.empty()) return {};
  std::vector<std::string> words;
  for (const auto& w : script.commands[0].argv) words.push_back(w.value);
  return exec_form(words);
}

// ---- options --------------------------------------------------------------------

bool has_opt(const Command& c, WordList names) {
  for (size_t i = c.prog + 1; i < c.size(); ++i) {
    SV w = c.arg(i);
    if (w == "--") break;
    if (!is_option(w)) continue;
    for (SV n : names)
      if (option_matches(w, n)) return true;
  }
  return false;
}

std::string opt_value(const Command& c, WordList names) {
  for (size_t i = c.prog + 1; i < c.size(); ++i) {
    SV w = c.arg(i);
    for (SV n : names) {
      if (w == n) return i + 1 < c.size() ? std::string(c.arg(i + 1)) : std::string();
      if (n.starts_with("--") && w.starts_with(n) && w.size() > n.size() && w[n.size()] == '=')
        return std::string(w.substr(n.size() + 1));
      if (n.size() == 2 && n[1] != '-' && w.starts_with(n) && w.size() > 2 && w[1] != '-')
        return std::string(w.substr(2));
    }
  }
  return {};
}

std::vector<size_t> operands(const Command& c, WordList with_value) {
  std::vector<size_t> out;
  bool only_operands = false;
  for (size_t i = c.prog + 1; i < c.size(); ++i) {
    SV w = c.arg(i);
    if (!only_operands && w == "--") {
      only_operands = true;
      continue;
    }
    if (!only_operands && is_option(w)) {
      for (SV n : with_value)
        if (w == n) {
          ++i;
          break;
        }
      continue;
    }
    out.push_back(i);
  }
  return out;
}

size_t subcommand(const Command& c, WordList with_value) {
  auto ops = operands(c, with_value);
  return ops.empty() ? 0 : ops.front();
}

std::vector<size_t> sub_operands(const Command& c, WordList with_value) {
  auto ops = operands(c, with_value);
  if (!ops.empty()) ops.erase(ops.begin());
  return ops;
}

}  // namespace dd::kb
