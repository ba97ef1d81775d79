#pragma once
// What a build and a container see without declaring it: the ARGs BuildKit
// predefines, and the environment variables set by default (PATH's default
// value among them). One table for the parser's scope, DD1009, DD1011 and
// envdiff.
#include <span>
#include <string_view>

namespace dd::kb {

enum class BuildArgKind {
  platform,  // TARGETPLATFORM, BUILDARCH, ...: in the global scope; a stage sees them after `ARG NAME`
  proxy,     // HTTP_PROXY and friends: passed with --build-arg without an ARG, kept out of the history
  buildkit,  // BUILDKIT_SYNTAX, BUILDKIT_INLINE_CACHE, ...: read by BuildKit itself
  reproducible,  // SOURCE_DATE_EPOCH
};

struct BuildArg {
  std::string_view name;
  BuildArgKind kind;
};
std::span<const BuildArg> predefined_args();
// The row of an ARG BuildKit predefines (case-sensitive: http_proxy and
// HTTP_PROXY are both rows), or nullptr.
const BuildArg* predefined_arg(std::string_view name);
// Visible in FROM lines without a declaration: the platform ARGs, and the
// build-time settings (BUILDKIT_*, SOURCE_DATE_EPOCH, proxies).
inline bool predefined_in_from(std::string_view name) { return predefined_arg(name) != nullptr; }

// The PATH a build step and a container get when the image sets none
// (BuildKit and the engine use the same one).
constexpr std::string_view kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

struct DefaultVar {
  std::string_view name;
  bool build = false;    // set in the Dockerfile's own expansion (PATH: BuildKit's default)
  bool container = false;  // set in every RUN step and container by the runtime (HOME, HOSTNAME)
  bool process = false;    // commonly set by the OS or login shell of any process (USER, LANG, TZ)
};
std::span<const DefaultVar> default_env();
// The row of a variable set by default, or nullptr.
const DefaultVar* default_var(std::string_view name);
// Set in a build step or a container without anyone declaring it: PATH,
// HOME, HOSTNAME, ... (a Dockerfile that reads them is not reading an
// undefined variable).
inline bool set_by_default_in_build(std::string_view name) {
  const DefaultVar* v = default_var(name);
  return v && (v->build || v->container);
}

}  // namespace dd::kb
