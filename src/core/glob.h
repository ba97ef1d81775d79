#pragma once
#include <string_view>

namespace dd {

// Path glob with the semantics of moby/patternmatcher (as used by
// .dockerignore): `*` and `?` never cross `/`, `**` matches any number of
// directories, `[...]` classes, `\` escapes. Both arguments are cleaned,
// slash-separated relative paths. Matches the whole path.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace dd
