#pragma once
// Whether the image a Dockerfile builds is a development, test or CI image
// rather than one that ships: its target (the final stage of the shipping
// chain) is named so (dev, dev-envs, development, test, ci, lint, debug,
// devcontainer), or the file is (Dockerfile.dev, test.Dockerfile,
// Dockerfile-ci). In such an image build tools, package caches and
// devDependencies are its purpose, so the image-bloat rules (DD2020, DD2022,
// DD2024) report them at info. A stage named dev that a shipping stage is
// built FROM still ships: only the target's own name counts.
#include <string>
#include <string_view>

#include "core/text.h"
#include "dockerfile/rule.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/stages.h"

namespace dd::dockerfile::dev {

// Words that name a development image, matched against whole words of the
// target stage's name and of the file's name (split at - _ .).
inline constexpr std::string_view kWords[] = {"dev",   "devel", "develop", "development", "devenv", "devenvs",
                                              "devcontainer", "test", "tests", "testing", "ci", "lint",
                                              "debug", "e2e"};
// A file (never a stage) named so builds a build environment: Dockerfile.build,
// Dockerfile.builder. A final stage named build still ships.
inline constexpr std::string_view kFileWords[] = {"build", "builder"};

// A script (never a file or a stage) named so builds, tests or packages:
// influxdb_packages.bash, influxdb_tarball.bash, make-release.sh.
inline constexpr std::string_view kScriptWords[] = {"binary",  "binaries", "tarball", "package", "packages",
                                                    "release", "releng",   "prebuild", "cross"};
// A folder of the source tree (a relative start path) that holds build, test
// or development scripts: moby's hack/dind, docker/cli's ./scripts/build/binary.
// Not build/ or bin/: `./build/app` is the program the image was built for.
inline constexpr std::string_view kScriptFolders[] = {"hack", "scripts", "test", "tests", "ci", "e2e"};

inline bool has_word(std::string_view name, bool file, bool script = false) {
  std::string low = dd::text::lower(name);
  size_t pos = 0;
  while (pos <= low.size()) {
    size_t end = low.find_first_of("-_.", pos);
    if (end == std::string::npos) end = low.size();
    std::string_view w = std::string_view(low).substr(pos, end - pos);
    for (std::string_view k : kWords)
      if (w == k) return true;
    if (file)
      for (std::string_view k : kFileWords)
        if (w == k) return true;
    if (script)
      for (std::string_view k : kScriptWords)
        if (w == k) return true;
    pos = end + 1;
  }
  return false;
}

// "" when the image ships; else what says it does not ("stage dev-envs",
// "file Dockerfile.dev"), for the message.
inline std::string development_target(const LintInput& in) {
  const auto& chain = final_chain(in);
  if (!chain.empty() && !chain.back()->name.empty() && has_word(chain.back()->name, false))
    return "stage " + chain.back()->name;
  // The file's own name; never its folders (a checkout under /tmp/test-x or
  // ~/dev says nothing of the image). A corpus that flattens paths
  // (tests__e2e__Dockerfile) is read the same way: its last part is the name.
  std::string_view file = in.df.path;
  if (size_t slash = file.find_last_of('/'); slash != std::string_view::npos) file.remove_prefix(slash + 1);
  if (size_t flat = file.rfind("__"); flat != std::string_view::npos) file.remove_prefix(flat + 2);
  if (has_word(file, true)) return "file " + std::string(file);
  return {};
}

// What the image starts when it looks like a build, test or CI environment
// rather than an app (moby's Dockerfile.simple, etcd's test images, a
// builder run as `docker run IMAGE make`): no program of its own, a shell, a
// build tool, a script named for a build, a test or packaging, or a script in
// a build or test folder (hack/dind, ./scripts/build/binary). "" otherwise: an app
// (node server.js, gunicorn, python app.py) or an inherited REPL.
inline std::string environment_start(const LintInput& in) {
  auto start = inc::start_commands(in, inc::start_command(final_instructions(in)));
  if (start.empty()) return "no program of its own";
  size_t p = start.front().exe;
  if (p >= start.front().argv.size()) return "no program of its own";
  std::string_view prog = text::basename(start.front().argv[p]);
  for (std::string_view t : {"sh", "bash", "ash", "zsh", "make", "go", "cargo", "mvn", "gradle"})
    if (prog == t) return std::string(prog);
  if (prog.find('.') != std::string_view::npos || prog.find('-') != std::string_view::npos ||
      prog.find('_') != std::string_view::npos)
    if (has_word(prog, true, true)) return std::string(prog);
  // A script of the source tree in a build or test folder.
  std::string_view path = start.front().argv[p];
  if (path.empty() || path.front() == '/') return {};
  for (size_t pos = 0, slash; (slash = path.find('/', pos)) != std::string_view::npos; pos = slash + 1) {
    std::string_view folder = path.substr(pos, slash - pos);
    for (std::string_view k : kScriptFolders)
      if (folder == k) return std::string(path);
  }
  return {};
}

}  // namespace dd::dockerfile::dev
