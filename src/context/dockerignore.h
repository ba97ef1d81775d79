#pragma once
// .dockerignore matching with the exact semantics of moby/patternmatcher.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/glob.h"

namespace dd::context {

struct IgnorePattern {
  std::string text;     // cleaned pattern, without the leading '!'
  bool exclusion = false;  // started with '!'
  int line = 0;         // line in the ignore file
  GlobPattern glob;     // compiled `text`
};

// A line the engine would refuse (the build fails on it).
struct IgnoreError {
  int line = 0;
  std::string message;
};

class IgnoreMatcher {
 public:
  IgnoreMatcher() = default;
  // Parses .dockerignore text: `#` comments in the first column, blank lines
  // skipped, leading/trailing slashes and `./` cleaned.
  static IgnoreMatcher parse(std::string_view text);

  // True when `path` (slash-separated, relative to the context root) is
  // excluded: the last matching pattern wins, and a pattern that matches a
  // parent directory excludes what is under it.
  bool excluded(std::string_view path) const;
  // The pattern that decided `path`, or nullptr when none matched.
  const IgnorePattern* deciding(std::string_view path) const;
  const std::vector<IgnorePattern>& patterns() const { return patterns_; }
  bool empty() const { return patterns_.empty(); }
  // Malformed lines (bad glob syntax, a lone `!`). They match nothing here.
  const std::vector<IgnoreError>& errors() const { return errors_; }
  bool has_exclusions() const { return has_exclusions_; }

  // For walks: which patterns match `dir` or one of its parents, given the
  // same vector for its parent (empty for a top-level dir). Lets decide()
  // give MatchesOrParentMatches results with one pattern test per entry.
  std::vector<char> parent_state(std::string_view dir, const std::vector<char>& parent) const;
  // Index of the deciding pattern for `path` whose parent directory has
  // `parent` state (empty at the root), or -1. Excluded when the pattern at
  // that index is not an exclusion.
  int decide(std::string_view path, const std::vector<char>& parent) const;
  // False when an excluded directory can be skipped by a walk because no
  // `!` pattern can re-include anything below it (BuildKit's rule: only
  // when every exception is a plain path, checked by prefix).
  bool may_reinclude_under(std::string_view dir) const;

 private:
  std::vector<IgnorePattern> patterns_;
  std::vector<IgnoreError> errors_;
  bool has_exclusions_ = false;
  bool wildcard_exceptions_ = false;
};

}  // namespace dd::context
