#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd::dockerfile {

// Variables visible at one point of a Dockerfile.
using Vars = std::map<std::string, std::string, std::less<>>;

struct Expansion {
  std::string value;
  std::vector<std::string> unresolved;  // names referenced but not set
  std::string error;  // ${VAR:?msg} on an unset VAR, bad substitution, unterminated quote
};

// BuildKit word expansion: $VAR, ${VAR}, ${VAR:-w}, ${VAR-w}, ${VAR:+w},
// ${VAR+w}, ${VAR:?msg}, ${VAR?msg}, ${VAR#p}, ${VAR##p}, ${VAR%p}, ${VAR%%p},
// ${VAR/p/r}, ${VAR//p/r}; `escape` protects the next char; single quotes
// are literal.
Expansion expand(std::string_view word, const Vars& vars, char escape = '\\');

// The variables in scope at instruction `index` of the stage: global ARGs
// redeclared in the stage, stage ARGs and ENVs, with build-arg overrides.
struct Dockerfile;
Vars scope_at(const Dockerfile& df, size_t index, const Vars& build_args = {});
// The scope of every instruction, in one pass over each stage (what
// scope_at gives for each index, without re-running the stage each time).
std::vector<Vars> all_scopes(const Dockerfile& df, const Vars& build_args = {});

// ARGs BuildKit predefines without a declaration: TARGETPLATFORM, BUILDARCH,
// ..., the proxy variables, SOURCE_DATE_EPOCH.
bool is_builtin_arg(std::string_view name);

// Shell pattern match as in ${VAR#pattern}: *, ?, [...], backslash escapes.
bool glob_match(std::string_view pattern, std::string_view text);
// The same, adding the steps taken to *steps (a budget for hostile input).
bool glob_match(std::string_view pattern, std::string_view text, size_t* steps);

}  // namespace dd::dockerfile
