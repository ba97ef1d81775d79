#pragma once
// The one command model. Every command drydock judges — a Dockerfile RUN,
// CMD, ENTRYPOINT or HEALTHCHECK, a compose `command:`/`entrypoint:`, a
// manifest's `command`/`args`, a container's Cmd in `diagnose`, an image's
// Entrypoint/Cmd — is tokenized once (knowledge/shell.h) into Command: its
// words, the index of the real program after the wrappers of
// knowledge/programs.h, and how it connects to the next one. The options of
// a command are read with the one option matcher (programs.h has_option).
// Domains add only where a word sits in their file (dockerfile/command.h).
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "knowledge/programs.h"
#include "knowledge/shell.h"

namespace dd::kb {

// The words a helper takes: a braced list ({"-y", "--yes"}) or a vector of
// views, seen in place. Only for parameters: a braced list lives until the end
// of the call's statement.
class WordList {
 public:
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winit-list-lifetime"
#endif
  WordList(std::initializer_list<std::string_view> l) : b_(l.begin()), e_(l.end()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  WordList(const std::vector<std::string_view>& w) : b_(w.data()), e_(w.data() + w.size()) {}
  const std::string_view* begin() const { return b_; }
  const std::string_view* end() const { return e_; }
  size_t size() const { return static_cast<size_t>(e_ - b_); }
  bool empty() const { return b_ == e_; }
  std::string_view operator[](size_t i) const { return b_[i]; }

 private:
  const std::string_view* b_;
  const std::string_view* e_;
};

// One simple command: `sudo -u app python -m pip install x > log`.
struct Command {
  std::vector<std::string> argv;  // words after quote removal; expansions kept literally ($VAR)
  // [begin, end) of each word in the text that was tokenized; empty when the
  // words came as a list (exec form, a manifest's command).
  std::vector<std::pair<size_t, size_t>> spans;
  size_t begin = 0, end = 0;  // the whole command in that text (0, 0 for a list)
  std::vector<std::pair<std::string, std::string>> redirects;  // op, target
  shell::Connector next = shell::Connector::none;
  bool background = false;  // ends with & (or runs in a group that does)
  int depth = 0;            // nesting: ( ), { }, $( ), if/for/while bodies
  // The words came from `sh -c WORD` of a list: the index of WORD in that
  // list, and spans are offsets inside it. -1 otherwise.
  int script_word = -1;
  // The real program: after wrappers (sudo -u x, env A=1, stdbuf -oL,
  // timeout 5, nice -n 5, chroot DIR, tini --, ...) and `python -m MODULE`
  // (the module). 0 when the words hold only wrappers (`tini --`).
  size_t prog = 0;
  // The executable after those wrappers, `python` of `python -m pip`;
  // argv.size() when the words hold only wrappers. Rules that judge the
  // binary run (its basename, a package manager's words) read this one.
  size_t exe = 0;
  // Sets prog and exe from argv: every producer calls it once the words are final.
  void locate();

  size_t size() const { return argv.size(); }
  std::string_view arg(size_t i) const { return i < argv.size() ? std::string_view(argv[i]) : std::string_view(); }
  // The basename of the real program: "apt-get" for `sudo /usr/bin/apt-get`.
  std::string_view name() const;
  // True when only wrappers are there (`tini --`, `dumb-init`): the program
  // comes from elsewhere (CMD after an ENTRYPOINT).
  bool wrappers_only() const { return exe >= argv.size(); }
};

// The index of the real program of `argv` as Command::prog counts it.
size_t program_index(const std::vector<std::string>& argv);

// Commands of a shell script, in source order, nested ones included
// (`sh -c '...'` bodies, $(...), if bodies); commands with no words
// (pure assignments) are left out.
std::vector<Command> shell_commands(const shell::Script& script);
std::vector<Command> shell_commands(std::string_view script);

// Commands of a list of words (exec form, a compose or manifest list, a
// container's Entrypoint + Cmd): one command, or the commands of the script
// when the list is `sh -c SCRIPT` (any shell, -c in a bundle like -ec).
std::vector<Command> exec_commands(std::vector<std::string> argv);

// ---- the start command ---------------------------------------------------------

// Why the words PID 1 runs (a CMD, a compose `command:`, a manifest's
// command + args, an image's Entrypoint + Cmd, a container's Cmd) leave the
// foreground, so the container exits at once. Every domain asks here, so
// `mongod --fork`, `gunicorn -D`, `php-fpm -D` or `nginx -g 'daemon on;'`
// get one verdict wherever they are seen. The list is read as exec_commands
// reads it (an `sh -c` script: its last top-level command decides, and a
// trailing & backgrounds it); an entrypoint script followed by words
// (`docker-entrypoint.sh mongod --fork`) runs them, so they decide. The
// daemonize knowledge is programs.h's (daemonizing); `image_path`/`image_tag`
// name the image the command runs in, empty when unknown.
struct StartDaemonizing {
  Daemonizing how;          // word indexes `last.argv`; flag "&" for a trailing &
  bool background = false;  // a trailing & rather than a daemonizing server
  Command last;             // the command that leaves the foreground
};
std::optional<StartDaemonizing> start_daemonizing(const std::vector<std::string>& argv,
                                                  std::string_view image_path = {}, std::string_view image_tag = {});

// A start command as an exec-form JSON array: ["nginx", "-g", "daemon off;"].
std::string exec_form(const std::vector<std::string>& argv);
// The foreground form `fix` (a daemonizing().fix) as an exec-form array when
// it is one plain command line, else "" (a hint like "mongod (without --fork)").
std::string exec_form_of(std::string_view fix);

// ---- options, read with the one option matcher (programs.h) -------------------

// True when the word is an option (starts with '-', not a lone '-').
inline bool is_option(std::string_view w) { return w.size() > 1 && w[0] == '-'; }

// True when the words after the program carry one of `names` (programs.h
// has_option: --name, --name=value, -y in bundles like -qy; stops at --).
bool has_opt(const Command& c, WordList names);
// The value of option `name` ("-u 1000", "-u1000", "--uid=1000", "--uid 1000").
std::string opt_value(const Command& c, WordList names);
// Indices of the non-option words after the program. Options listed in
// `with_value` consume the next word unless written --opt=value.
std::vector<size_t> operands(const Command& c, WordList with_value = {});
// The subcommand (first operand) index, or 0 when none.
size_t subcommand(const Command& c, WordList with_value = {});
// Operands after the subcommand (e.g. the packages of `apt-get install`).
std::vector<size_t> sub_operands(const Command& c, WordList with_value = {});

}  // namespace dd::kb
