#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace dd {

// Path glob with the semantics of moby/patternmatcher (as used by
// .dockerignore): `*` and `?` never cross `/`, `**` matches any number of
// directories, `[...]` classes, `\` escapes. Both arguments are cleaned,
// slash-separated relative paths. Matches the whole path.
bool glob_match(std::string_view pattern, std::string_view path);

// One compiled patternmatcher pattern, for matching many paths. Like moby it
// picks an exact, prefix (`dir/**`), suffix (`**/name`) or full-wildcard
// match; the wildcard form is translated into the regexp moby builds, rune by
// rune, and run by RE2 (the engine behind Go's regexp syntax), so that every
// pattern, odd ones included (`[?]`, `[[:alpha:]]`, `\d`, a class that spans
// a `/`), means what it means to the engine. RE2 runs in linear time.
class GlobPattern {
 public:
  GlobPattern() = default;
  explicit GlobPattern(std::string_view cleaned_pattern);

  bool match(std::string_view path) const;
  // False when the engine refuses the pattern: Go's filepath.Match rejects it
  // (unclosed `[`, bad range, trailing `\`) or its regexp does not compile.
  // Such a pattern matches nothing.
  bool valid() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  // True when the pattern has `*`, `?`, `[` or `\`.
  bool has_wildcard() const { return wildcard_; }
  const std::string& text() const { return text_; }

 private:
  enum class Kind { exact, prefix, suffix, wild };
  void compile();

  std::string text_;
  Kind kind_ = Kind::exact;
  std::shared_ptr<const re2::RE2> re_;  // the wildcard kind
  std::string error_;
  bool wildcard_ = false;
};

// Go's filepath.Match on slash paths (Unix): `*` and `?` do not cross `/`,
// `[...]`/`[^...]` classes, `\` escapes. Used for COPY/ADD source wildcards.
// A malformed pattern matches nothing.
bool go_path_match(std::string_view pattern, std::string_view name);

// Go's filepath.Clean for slash paths: removes `.`, empty and `..`
// elements lexically; "" becomes ".".
std::string clean_path(std::string_view path);

}  // namespace dd
