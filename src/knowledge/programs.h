#pragma once
// Programs and how they run: the wrappers that run another command, the
// servers and how they daemonize or stay in front, one-shot programs and
// process supervisors. Every domain reads these: the Dockerfile rules (CMD,
// RUN), compose `command:`, a container's Cmd in `diagnose`, manifests.
// Each is one table in programs.cpp; tests/knowledge walks every row.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dd::kb {

// ---- wrappers -----------------------------------------------------------------

// A program that runs another one: `sudo -u app node x.js`, `stdbuf -oL cmd`.
struct Wrapper {
  std::string_view program;
  std::string_view short_with_value;              // one-letter options that take a value ("u" for -u USER)
  std::vector<std::string_view> long_with_value;  // long ones ("--user"); "--user=x" never takes the next word
  int operands = 0;             // positional words before the program: gosu USER, timeout DURATION, chroot DIR
  bool assignments = false;     // env: NAME=value words before the program
  bool needs_dashdash = false;  // tini, dumb-init: options end at "--"
};
std::span<const Wrapper> wrappers();
const Wrapper* wrapper(std::string_view program);  // by basename

// The index of the real program after wrappers and FOO=bar prefixes
// (argv.size() when only wrappers are there: `tini --` takes CMD).
size_t real_program(std::span<const std::string_view> argv);
size_t real_program(const std::vector<std::string>& argv);

// The last path component: "/usr/sbin/nginx" -> "nginx".
std::string_view program_name(std::string_view word);

// ---- one option matcher -------------------------------------------------------

// True when the word `w` is option `name` ("-y", "--yes"), "--name=value", or
// a bundle of one-letter options holding it ("-qy" for "-y"). The one place
// that says what an option word means; has_option and kb::has_opt use it.
bool option_matches(std::string_view w, std::string_view name);

// True when words [from, end) carry one of `names`: "--name" and
// "--name=value"; one-letter names ("-y") also match bundles like "-qy".
// Stops at "--".
bool has_option(std::span<const std::string_view> words, size_t from, std::span<const std::string_view> names);
bool has_option(const std::vector<std::string>& argv, size_t from, std::initializer_list<std::string_view> names);

// ---- servers and daemons ------------------------------------------------------

// A server, how it daemonizes and how it stays in the foreground. Markers are
// a flag ("-D", matched as a word or --flag=value), a word ("start"), or a
// phrase searched in the argument text ("daemon off", "--daemonize yes").
struct Daemon {
  std::string_view program;
  bool by_default = true;                    // daemonizes without any flag or setting
  std::vector<std::string_view> foreground;  // keeps it in front
  std::vector<std::string_view> background;  // sends it away, whatever the default
  std::string_view fix;                      // the foreground command line
  // Official images whose configuration keeps the default run in front
  // (php:*-fpm sets daemonize = no): "image" or "image:tag-word".
  std::vector<std::string_view> foreground_images;
  std::string_view note;  // why, when the program itself does not explain it ("through its init script")
};
std::span<const Daemon> daemons();
const Daemon* daemon(std::string_view program);  // php-fpm8.2 finds php-fpm
// True when this invocation (program at argv[prog]) goes to the background.
bool daemon_backgrounds(const Daemon& d, const std::vector<std::string>& argv, size_t prog);

// Why a command leaves the foreground: the word that does it and the
// foreground form. `image_path`/`image_tag` name the image the command runs
// in (for foreground_images); empty when unknown.
struct Daemonizing {
  size_t word = 0;   // argv index of the daemonizing flag or setting, else of the program
  std::string flag;  // the flag or setting as written ("--fork", "--daemonize yes"), "" for a default
  std::string why;   // "mongod --fork forks into the background and the foreground process exits"
  std::string fix;   // "mongod (without --fork)"
};
std::optional<Daemonizing> daemonizing(const std::vector<std::string>& argv, std::string_view image_path = {},
                                       std::string_view image_tag = {});

// Long-running servers (a CMD that serves), by program name.
bool is_server_program(std::string_view program);
std::span<const std::string_view> server_programs();
// A command line that starts a server: `node server.js`, `gunicorn app`,
// `npm start`, `java -jar app.jar`, ...
bool is_server_command(const std::vector<std::string>& argv);
// A command that finishes at once: echo, ls, true, `npm run build`,
// `python setup.py`, a bare shell.
bool is_one_shot_command(const std::vector<std::string>& argv);
std::span<const std::string_view> one_shot_programs();
// Process supervisors that run several services.
bool is_supervisor(std::string_view program);
std::span<const std::string_view> supervisors();

}  // namespace dd::kb
