#pragma once
// The final image's base as the local engine holds it, for rules that can
// replace a guess about common images by a look at the real one
// (--local-images). Without the store, or for a base the engine does not
// hold, every answer is "unknown" and the rule keeps its guess.
#include <optional>
#include <string>
#include <string_view>

#include "core/image_store.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/copies.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/ports.h"
#include "dockerfile/rules/redaction.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/rules/variables.h"

namespace dd::dockerfile::local {

struct Base {
  ImageStore* store = nullptr;
  std::string ref;
  LocalImage image;
};

// The external image a stage is built from, through the stages it is built
// FROM, when the engine holds it.
inline std::optional<Base> stage_base(const LintInput& in, int stage) {
  ImageStore* store = in.config.images.get();
  const auto& stages = in.df.stages;
  for (int guard = 0; store && guard < 1000 && stage >= 0 && stage < static_cast<int>(stages.size()); ++guard) {
    const Stage& st = stages[stage];
    if (st.base_stage) {
      if (*st.base_stage >= stage) return std::nullopt;
      stage = *st.base_stage;
      continue;
    }
    const std::string& ref = st.base_expanded;
    if (ref.empty() || ref.find('$') != std::string::npos || inc::is_scratch(kb::parse_image(ref))) return std::nullopt;
    auto image = store->find(ref);
    if (!image) return std::nullopt;
    return Base{store, ref, std::move(*image)};
  }
  return std::nullopt;
}

// The same for the final stage, asked once per file.
inline const std::optional<Base>& final_base(const LintInput& in) {
  static const char tag = 0;
  return in.memo<std::optional<Base>>(&tag, [&]() -> std::optional<Base> {
    if (in.df.stages.empty()) return std::nullopt;
    return stage_base(in, static_cast<int>(in.df.stages.size()) - 1);
  });
}

// Whether the image's environment (Config.Env) sets `name`. PATH always is:
// the builder sets its default when the image has none.
inline bool sets_env(const Base& b, std::string_view name) {
  if (name == "PATH"sv) return true;
  for (const auto& e : b.image.env)
    if (e.size() > name.size() && e.compare(0, name.size(), name) == 0 && e[name.size()] == '=') return true;
  return false;
}

// Commands the shell runs itself, never looked up in PATH.
inline bool shell_builtin(std::string_view w) {
  for (std::string_view b : {"exit", "true", "false", "test", "[", "echo", "printf", "cd", "exec", "export", "set",
                             "read", "return", "kill", "command", "eval", ":", ".", "source", "wait", "trap", "ulimit",
                             "umask", "unset", "shift", "type"})
    if (w == b) return true;
  return false;
}

// Whether the image has `program`: a path as given, a name through PATH
// (shell builtins are always there).
inline std::optional<bool> has_program(const Base& b, std::string_view program) {
  if (program.empty()) return std::nullopt;
  if (shell_builtin(program)) return true;
  if (program.find('/') != std::string_view::npos) {
    if (program.front() != '/') return std::nullopt;
    return b.store->has_path(b.ref, std::string(program));
  }
  for (const auto& dir : path_dirs(b.image)) {
    auto found = b.store->has_path(b.ref, dir + "/" + std::string(program));
    if (!found) return std::nullopt;
    if (*found) return true;
  }
  return false;
}

// Whether the image's /etc/passwd has the user (a name, or a numeric uid).
inline std::optional<bool> has_user(const Base& b, std::string_view user) {
  auto exists = b.store->has_path(b.ref, "/etc/passwd");
  if (!exists) return std::nullopt;
  if (!*exists) return false;
  auto passwd = b.store->read_file(b.ref, "/etc/passwd", 1 << 20);
  if (!passwd) return std::nullopt;
  const bool uid = !user.empty() && user.find_first_not_of("0123456789") == std::string_view::npos;
  size_t pos = 0;
  while (pos < passwd->size()) {
    size_t nl = passwd->find('\n', pos);
    std::string_view line(passwd->data() + pos, (nl == std::string::npos ? passwd->size() : nl) - pos);
    pos = nl == std::string::npos ? passwd->size() : nl + 1;
    size_t c1 = line.find(':');
    if (c1 == std::string_view::npos) continue;
    if (!uid && line.substr(0, c1) == user) return true;
    if (uid) {
      size_t c2 = line.find(':', c1 + 1), c3 = c2 == std::string_view::npos ? c2 : line.find(':', c2 + 1);
      if (c3 != std::string_view::npos && line.substr(c2 + 1, c3 - c2 - 1) == user) return true;
    }
  }
  return false;
}

// The image runs as a user other than root when no USER follows.
inline bool runs_as_non_root(const Base& b) {
  std::string_view u = b.image.user;
  u = u.substr(0, u.find(':'));
  return !u.empty() && u != "root" && u != "0";
}

}  // namespace dd::dockerfile::local
