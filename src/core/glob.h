#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dd {

// Path glob with the semantics of moby/patternmatcher (as used by
// .dockerignore): `*` and `?` never cross `/`, `**` matches any number of
// directories, `[...]` classes, `\` escapes. Both arguments are cleaned,
// slash-separated relative paths. Matches the whole path.
bool glob_match(std::string_view pattern, std::string_view path);

// One compiled patternmatcher pattern, for matching many paths. Like moby it
// picks an exact, prefix (`dir/**`), suffix (`**/name`) or full-wildcard
// match; the wildcard form runs as an automaton in O(pattern * path) time.
class GlobPattern {
 public:
  GlobPattern() = default;
  explicit GlobPattern(std::string_view cleaned_pattern);

  bool match(std::string_view path) const;
  // False when Go's filepath.Match would reject the pattern (unclosed `[`,
  // empty class, bad range, trailing `\`); such a pattern matches nothing.
  bool valid() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  // True when the pattern has `*`, `?`, `[` or `\`.
  bool has_wildcard() const { return wildcard_; }
  const std::string& text() const { return text_; }

 private:
  enum class Kind { exact, prefix, suffix, wild };
  enum class Op : uint8_t { ch, not_slash, any, cls, split, anchor, done };
  struct Node {
    Op op = Op::done;
    uint32_t value = 0;  // code point or class index
    int out = -1;
    int out2 = -1;
  };
  struct Class {
    bool negated = false;
    std::vector<std::pair<uint32_t, uint32_t>> ranges;
    bool has(uint32_t c) const;
  };

  void compile();
  bool run(std::string_view path) const;

  std::string text_;
  Kind kind_ = Kind::exact;
  std::vector<Node> nodes_;
  std::vector<Class> classes_;
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
