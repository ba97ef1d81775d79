#pragma once
// COPY/ADD source resolution: which build-context files a source argument
// names (with .dockerignore applied by BuildContext::sources, and the
// instruction's --exclude patterns), whether it sends the whole context, and
// whether it is a remote source that reads no context at all. The Dockerfile
// rules (DD30xx, start scripts) and `drydock context` read it from here.
#include <string>
#include <string_view>
#include <vector>

#include "context/context.h"

namespace dd::context {

// The context entries the source sends: the ones BuildContext::sources
// matches (.dockerignore applied), minus the `COPY --exclude=PATTERN`
// values, matched like .dockerignore lines against the path below the
// source and against the full path.
std::vector<const Entry*> copy_sources(const BuildContext& ctx, std::string_view source,
                                       const std::vector<std::string>& excludes = {});

// True when the source sends the whole context (`.`, `./`, `/`, `*`).
bool whole_context(std::string_view source);

// True when an ADD source is a URL or a git remote (no context file).
bool is_remote_source(std::string_view source);

}  // namespace dd::context
