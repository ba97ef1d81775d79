#pragma once
// Package managers, as one table: the programs that run each one, their
// subcommands and short aliases, yes flags, options that take a value, how a
// package is pinned, where the download cache lives and what removes it, and
// the users that well-known packages create. Every domain reads it: the
// Dockerfile rules (RUN), images (their history), compose and manifests.
// One row per manager in packages.cpp; tests/knowledge walks every row.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dd::kb {

// What a subcommand does.
enum class PkgAction {
  none,          // anything else (list, search, info, ...)
  install,       // installs or reinstalls packages named on the command line
  remove,        // removes packages
  update,        // refreshes the package index (apt-get update, apk update, dnf makecache)
  upgrade,       // upgrades what is installed (apt-get upgrade, dnf up)
  dist_upgrade,  // upgrades the whole distribution (apt-get dist-upgrade, zypper dup)
  clean,         // removes the download cache (apt-get clean, yum clean all)
  run,           // runs a package without installing it (go run pkg@v, npx)
};

// How a package word carries its version.
enum class PinStyle {
  none,      // never pinned on the command line (apt-get upgrade...)
  equals,    // name=version (apt, aptitude)
  apk,       // name=version, name~version, name>version
  rpm,       // name-version, name-version-release, name = version; modules name:stream
  zypper,    // name=version, name>=version
  pip,       // name==version, ~=, >=, <=, !=, ===; VCS URL@ref
  npm,       // name@version, @scope/name@version; git URL#ref
  gem,       // name:version, or -v/--version for the command
  go,        // module@version (not @latest)
  cargo,     // name@version, or --version for the command
  composer,  // vendor/name:version
};

struct Subcommand {
  std::string_view word;
  PkgAction action;
};

struct PackageManager {
  std::string_view name;                      // apt-get, dnf, pip, ...
  std::vector<std::string_view> programs;     // program names that run it (basename): pip, pip2, pip3
  std::string_view lead;                      // a word that must follow the program: `uv pip`, `python -m pip`
  bool os_packages = false;                   // installs distribution packages
  std::vector<Subcommand> subcommands;        // every subcommand and alias the rules care about
  std::vector<Subcommand> module_subcommands; // after `module`: yum/dnf module install
  PkgAction bare = PkgAction::none;           // what the program does without a subcommand (yarn: install)
  bool prompts = false;                       // asks for a confirmation unless told yes
  bool yes_from_stdin = false;                // `yes | apt-get install` answers its prompts
  std::vector<std::string_view> yes_flags;    // make it non-interactive (-y, --assumeyes, -n)
  bool quiet_twice_is_yes = false;            // apt-get: -qq (or -q -q, -q=2) implies -y
  std::vector<std::string_view> with_value;   // options that take the next word as their value
  PinStyle pin = PinStyle::none;
  std::vector<std::string_view> pin_options;  // options that pin the whole command: gem -v, pip -c
  std::vector<std::string_view> pin_env;      // environment variables that do it (PIP_CONSTRAINT)
  std::vector<std::string_view> self_packages;  // its own tooling, upgraded unpinned on purpose (pip, setuptools, wheel)
  bool dashdash_ends_packages = false;        // gem install x -- --build-flags: words after -- are not packages
  std::vector<std::string_view> cache_dirs;   // where its download cache lives (~ is any home)
  std::vector<std::string_view> also_removes; // other folders whose rm -rf counts as cleaning it
  std::vector<std::string_view> clean;        // commands that remove the cache ("yum clean all", "apt-get clean")
  std::vector<std::string_view> no_cache;     // options that keep the cache out (apk --no-cache, pip --no-cache-dir)
  std::vector<std::string_view> no_cache_env; // environment variables that do it (PIP_NO_CACHE_DIR)
  std::string_view clean_fix;                 // what to add to the RUN
  std::string_view cache_name;                // "yum cache (/var/cache/yum)"
};

std::span<const PackageManager> package_managers();
// The row whose name is `name` ("dnf", "pip"), or nullptr.
const PackageManager* package_manager_named(std::string_view name);

// ---- one command ---------------------------------------------------------------

// A package-manager command read through the table. Indices are into argv.
struct PkgCommand {
  const PackageManager* pm = nullptr;
  size_t prog = 0;      // the program word (python for `python -m pip`, uv for `uv pip`)
  size_t sub = 0;       // the subcommand word; 0 when there is none
  size_t nested = 0;    // the word before the subcommand: module, group, cache, global, store; 0 when none
  PkgAction action = PkgAction::none;
  std::vector<size_t> operands;  // words after the subcommand that are not options or their values
  std::vector<size_t> options;   // option words (values excluded), before and after the subcommand
  std::string_view sub_word(std::span<const std::string_view> argv) const { return sub ? argv[sub] : std::string_view(); }
  std::string_view nested_word(std::span<const std::string_view> argv) const {
    return nested ? argv[nested] : std::string_view();
  }
  // `dnf module install`: the operands are modules (name:stream).
  bool module(std::span<const std::string_view> argv) const { return nested_word(argv) == "module"; }
  // `dnf group install`: the operands are groups, never pinned.
  bool group(std::span<const std::string_view> argv) const {
    return nested_word(argv) == "group" || nested_word(argv) == "groups";
  }
};

// Reads argv[prog...] as a package-manager command; nullopt when argv[prog]
// runs no manager of the table (python without -m pip, uv without pip...).
std::optional<PkgCommand> package_command(std::span<const std::string_view> argv, size_t prog);
std::optional<PkgCommand> package_command(const std::vector<std::string>& argv, size_t prog);

// True when the command carries option `name` (exact, --name=value, or a
// one-letter flag inside a bundle such as -qy).
bool pkg_has_option(std::span<const std::string_view> argv, const PkgCommand& c, std::string_view name);
// True when the command will not stop at a confirmation prompt: the manager
// never prompts for it, or a yes flag/option is there.
bool runs_unattended(std::span<const std::string_view> argv, const PkgCommand& c);
// True when a command-wide option pins every package (gem -v, pip -c/-r).
bool command_pins(std::span<const std::string_view> argv, const PkgCommand& c);
// True when an option keeps the cache out of the layer (apk --no-cache).
bool skips_cache(std::span<const std::string_view> argv, const PkgCommand& c);

// ---- package words -------------------------------------------------------------

enum class PinState {
  not_a_package,  // a local file, folder, tarball, option or group (@core, ./x.tgz, /tmp/a.deb)
  pinned,
  unpinned,
};
// How a word after an install subcommand names its version, for this
// manager. `module` is set for `dnf module install` words. A word with an
// unexpanded variable is not_a_package; expand it first.
PinState pin_state(const PackageManager& pm, std::string_view word, bool module = false);
// The package name of a word: "curl=7.88" -> "curl", "flask==3" -> "flask",
// "@types/node@20" -> "@types/node".
std::string_view package_name(const PackageManager& pm, std::string_view word);
// How to pin `name` on this manager's command line ("curl=<version>").
std::string pin_example(const PackageManager& pm, std::string_view name);

// ---- caches --------------------------------------------------------------------

// True when `path` is one of the manager's cache folders, a folder inside
// one, or a folder above one (but not "/"). "~" in the table matches /root
// and any /home/USER; `path` may use ~ too.
bool covers_cache(const PackageManager& pm, std::string_view path);
// True when `rm -rf path` removes the cache (a cache folder, its contents
// "dir/*", or an also_removes folder).
bool removes_cache(const PackageManager& pm, std::string_view path);
// True when argv (a whole command) is one of the manager's clean commands.
bool is_clean_command(const PackageManager& pm, std::span<const std::string_view> argv, size_t prog);

// A RUN --mount value ("type=cache,target=/var/cache/apt,sharing=locked")
// parsed: the type (bind when absent) and the target.
struct MountSpec {
  std::string type;
  std::string target;
};
MountSpec parse_mount(std::string_view value);
// True when a cache or tmpfs mount keeps the manager's cache out of the layer.
bool mount_covers_cache(const PackageManager& pm, std::string_view mount_value);

// ---- what packages create ------------------------------------------------------

// Users (and their groups) that installing a well-known package creates.
struct PackageUsers {
  std::string_view package;             // name as the distributions spell it
  std::vector<std::string_view> users;  // users it creates (any distribution)
};
std::span<const PackageUsers> package_users();
// True when installing `package` (a name, a versioned name such as
// postgresql15 or postgresql-15, or a pinned word) creates `user`.
bool package_creates_user(std::string_view package, std::string_view user);

// Compilers, build tools and headers that a runtime image does not need.
bool is_build_package(std::string_view package);
std::span<const std::string_view> build_packages();

// Build packages a program runs at run time: hugo runs git for Hugo Modules
// and .GitInfo, Argo CD's repo server and Flux clone repositories. In an
// image that runs one of these programs (or is built FROM its image) the
// package is a runtime dependency, not a leftover of the build.
struct RuntimeToolUse {
  std::string_view package;                // as is_build_package spells it ("git")
  std::vector<std::string_view> programs;  // start programs that run it (basename)
  std::vector<std::string_view> images;    // images (repository path) whose program runs it
  std::string_view why;                    // "hugo runs git for Hugo Modules and .GitInfo"
};
std::span<const RuntimeToolUse> runtime_tool_uses();
// The row when `program` (a start program's basename) or `image` (the final
// chain's base repository path) runs build package `package` at run time.
const RuntimeToolUse* runtime_tool_use(std::string_view package, std::string_view program, std::string_view image);

}  // namespace dd::kb
