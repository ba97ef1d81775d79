#include "knowledge/build_env.h"

namespace dd::kb {
namespace {

using K = BuildArgKind;

const BuildArg kArgs[] = {
    {"TARGETPLATFORM", K::platform},
    {"TARGETOS", K::platform},
    {"TARGETARCH", K::platform},
    {"TARGETVARIANT", K::platform},
    {"BUILDPLATFORM", K::platform},
    {"BUILDOS", K::platform},
    {"BUILDARCH", K::platform},
    {"BUILDVARIANT", K::platform},
    {"TARGETSTAGE", K::platform},
    {"HTTP_PROXY", K::proxy},
    {"http_proxy", K::proxy},
    {"HTTPS_PROXY", K::proxy},
    {"https_proxy", K::proxy},
    {"FTP_PROXY", K::proxy},
    {"ftp_proxy", K::proxy},
    {"NO_PROXY", K::proxy},
    {"no_proxy", K::proxy},
    {"ALL_PROXY", K::proxy},
    {"all_proxy", K::proxy},
    {"SOURCE_DATE_EPOCH", K::reproducible},
    {"BUILDKIT_SYNTAX", K::buildkit},
    {"BUILDKIT_INLINE_CACHE", K::buildkit},
    {"BUILDKIT_CACHE_MOUNT_NS", K::buildkit},
    {"BUILDKIT_CONTEXT_KEEP_GIT_DIR", K::buildkit},
    {"BUILDKIT_MULTI_PLATFORM", K::buildkit},
    {"BUILDKIT_SANDBOX_HOSTNAME", K::buildkit},
    {"BUILDKIT_DOCKERFILE_CHECK", K::buildkit},
    {"BUILDKIT_SBOM_SCAN_CONTEXT", K::buildkit},
    {"BUILDKIT_SBOM_SCAN_STAGE", K::buildkit},
};

const DefaultVar kEnv[] = {
    {"PATH", true, true, true},  // kDefaultPath when the image sets none
    {"HOME", false, true, true},      // the user's home (/root), set for every step and container
    {"HOSTNAME", false, true, true},  // the container's host name
    {"PWD", false, true, true},       // the shell's working directory
    {"TERM", false, true, true},      // with a TTY (docker run -t)
    {"USER", false, false, true},
    {"LOGNAME", false, false, true},
    {"SHELL", false, false, true},
    {"LANG", false, false, true},
    {"LC_ALL", false, false, true},
    {"TZ", false, false, true},
    {"TMPDIR", false, false, true},
    {"TEMP", false, false, true},
    {"TMP", false, false, true},
};

}  // namespace

std::span<const BuildArg> predefined_args() { return kArgs; }

const BuildArg* predefined_arg(std::string_view name) {
  for (const auto& a : kArgs)
    if (a.name == name) return &a;
  return nullptr;
}

std::span<const DefaultVar> default_env() { return kEnv; }

const DefaultVar* default_var(std::string_view name) {
  for (const auto& v : kEnv)
    if (v.name == name) return &v;
  return nullptr;
}

}  // namespace dd::kb
