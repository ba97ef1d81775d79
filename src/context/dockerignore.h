#pragma once
// .dockerignore matching with the exact semantics of moby/patternmatcher.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd::context {

struct IgnorePattern {
  std::string text;     // cleaned pattern, without the leading '!'
  bool exclusion = false;  // started with '!'
  int line = 0;         // line in the ignore file
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

 private:
  std::vector<IgnorePattern> patterns_;
};

}  // namespace dd::context
