// Pattern matching with the semantics of moby/patternmatcher (.dockerignore)
// and Go's filepath.Match (COPY sources). Written from the documented and
// observed behaviour of those libraries; tests/context/dockerignore_oracle_test
// checks the .dockerignore side against the Go library itself.
#include "core/glob.h"

#include <re2/re2.h>

#include <algorithm>

namespace dd {
namespace {

constexpr uint32_t kBadRune = 0xFFFD;

// Decodes one UTF-8 code point at s[i]; invalid bytes decode as U+FFFD of
// length 1, as Go does.
uint32_t decode(std::string_view s, size_t i, size_t& len) {
  auto b = static_cast<unsigned char>(s[i]);
  len = 1;
  if (b < 0x80) return b;
  size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (n == 0 || b >= 0xF8 || i + n > s.size()) return kBadRune;
  uint32_t cp = b & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return kBadRune;
    cp = (cp << 6) | (c & 0x3F);
  }
  // Overlong forms, surrogates and out-of-range values are invalid.
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kBadRune;
  len = n;
  return cp;
}

std::vector<uint32_t> runes(std::string_view s) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n;
    out.push_back(decode(s, i, n));
    i += n;
  }
  return out;
}

// ---- Go filepath.Match ----------------------------------------------------

struct Chunk {
  bool star = false;
  std::string_view chunk;
  std::string_view rest;
};

Chunk scan_chunk(std::string_view p) {
  Chunk c;
  while (!p.empty() && p[0] == '*') {
    p.remove_prefix(1);
    c.star = true;
  }
  bool in_range = false;
  size_t i = 0;
  for (; i < p.size(); ++i) {
    char ch = p[i];
    if (ch == '\\') {
      if (i + 1 < p.size()) ++i;
    } else if (ch == '[') {
      in_range = true;
    } else if (ch == ']') {
      in_range = false;
    } else if (ch == '*' && !in_range) {
      break;
    }
  }
  c.chunk = p.substr(0, i);
  c.rest = p.substr(i);
  return c;
}

// One class bound: a rune, possibly escaped. False on a malformed class.
bool get_esc(std::string_view& chunk, uint32_t& r) {
  if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') return false;
  if (chunk[0] == '\\') {
    chunk.remove_prefix(1);
    if (chunk.empty()) return false;
  }
  size_t n;
  r = decode(chunk, 0, n);
  if (r == kBadRune && n == 1 && static_cast<unsigned char>(chunk[0]) >= 0x80) return false;
  chunk.remove_prefix(n);
  return !chunk.empty();
}

enum class ChunkResult { match, no_match, bad };

// Matches `chunk` (no stars) at the start of s; on a match `s` is advanced.
// The whole chunk is always scanned so that syntax errors are found.
ChunkResult match_chunk(std::string_view chunk, std::string_view& s_io) {
  std::string_view s = s_io;
  bool failed = false;
  while (!chunk.empty()) {
    if (!failed && s.empty()) failed = true;
    char c = chunk[0];
    if (c == '[') {
      uint32_t r = 0;
      if (!failed) {
        size_t n;
        r = decode(s, 0, n);
        s.remove_prefix(n);
      }
      chunk.remove_prefix(1);
      bool negated = !chunk.empty() && chunk[0] == '^';
      if (negated) chunk.remove_prefix(1);
      bool matched = false;
      int nrange = 0;
      for (;;) {
        if (!chunk.empty() && chunk[0] == ']' && nrange > 0) {
          chunk.remove_prefix(1);
          break;
        }
        uint32_t lo, hi;
        if (!get_esc(chunk, lo)) return ChunkResult::bad;
        hi = lo;
        if (chunk[0] == '-') {
          chunk.remove_prefix(1);
          if (!get_esc(chunk, hi)) return ChunkResult::bad;
          if (hi < lo) return ChunkResult::bad;
        }
        if (lo <= r && r <= hi) matched = true;
        ++nrange;
      }
      if (matched == negated) failed = true;
    } else if (c == '?') {
      if (!failed) {
        if (s[0] == '/') failed = true;
        size_t n;
        decode(s, 0, n);
        s.remove_prefix(n);
      }
      chunk.remove_prefix(1);
    } else {
      if (c == '\\') {
        chunk.remove_prefix(1);
        if (chunk.empty()) return ChunkResult::bad;
      }
      if (!failed) {
        if (chunk[0] != s[0]) failed = true;
        s.remove_prefix(1);
      }
      chunk.remove_prefix(1);
    }
  }
  if (failed) return ChunkResult::no_match;
  s_io = s;
  return ChunkResult::match;
}

// Go's filepath.Match; `bad` is set for malformed patterns.
bool go_match(std::string_view pattern, std::string_view name, bool& bad) {
  bad = false;
  while (!pattern.empty()) {
    Chunk c = scan_chunk(pattern);
    pattern = c.rest;
    if (c.star && c.chunk.empty()) return name.find('/') == std::string_view::npos;
    std::string_view t = name;
    ChunkResult r = match_chunk(c.chunk, t);
    if (r == ChunkResult::match && (t.empty() || !pattern.empty())) {
      name = t;
      continue;
    }
    if (r == ChunkResult::bad) {
      bad = true;
      return false;
    }
    bool advanced = false;
    if (c.star) {
      for (size_t i = 0; i < name.size() && name[i] != '/'; ++i) {
        std::string_view t2 = name.substr(i + 1);
        ChunkResult r2 = match_chunk(c.chunk, t2);
        if (r2 == ChunkResult::match) {
          if (pattern.empty() && !t2.empty()) continue;
          name = t2;
          advanced = true;
          break;
        }
        if (r2 == ChunkResult::bad) {
          bad = true;
          return false;
        }
      }
    }
    if (advanced) continue;
    // Go does not look at the chunks after one that fails to match: a
    // malformed class there is no error ("**/a**/[a-]" against ".").
    return false;
  }
  return name.empty();
}

// The characters moby escapes before they reach the regexp. It means to
// escape `.+()|{}$`, but its bitmap keeps bit c/8 of byte c%8 in a byte,
// so the bits of `|`, `{` and `}` (c/8 = 15) are lost: those three reach the
// regexp as they are (`a|b` is an alternation, `a{2}` a repetition).
bool should_escape(uint32_t c) { return c == '.' || c == '+' || c == '(' || c == ')' || c == '$'; }

}  // namespace

bool go_path_match(std::string_view pattern, std::string_view name) {
  bool bad = false;
  bool m = go_match(pattern, name, bad);
  return m && !bad;
}

std::string clean_path(std::string_view path) {
  if (path.empty()) return ".";
  bool rooted = path[0] == '/';
  std::vector<std::string_view> parts;
  size_t dotdots = 0;  // leading ".." elements kept (relative paths only)
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view el = path.substr(i, j - i);
    i = j + 1;
    if (el.empty() || el == ".") continue;
    if (el == "..") {
      if (parts.size() > dotdots) {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(el);
        ++dotdots;
      }
      continue;
    }
    parts.push_back(el);
  }
  std::string out = rooted ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) out += '/';
    out += parts[k];
  }
  if (out.empty()) out = ".";
  return out;
}

GlobPattern::GlobPattern(std::string_view cleaned) : text_(cleaned) {
  bool bad = false;
  go_match(text_, ".", bad);  // the syntax check moby's New makes
  if (bad) error_ = "syntax error in pattern";
  wildcard_ = text_.find_first_of("*?[\\") != std::string::npos;
  compile();
}

namespace {

void append_rune(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

// Mirrors patternmatcher's translation of a pattern, rune by rune, into a
// match kind and (for the wildcard kind) a regexp:
//   `**` then end      -> prefix match when nothing before it was a wildcard, else `.*`
//   `**` (`**/`) else  -> `(.*/)?`
//   a pattern starting with `**` becomes a suffix match unless a later
//   wildcard makes it a full match
//   `*` -> `[^/]*`, `?` -> `[^/]`, `\x` -> `\x`, `[` and `]` as they are,
//   `.+()|{}$` escaped, anything else as it is (so `^` anchors);
// everything between `^` and `$`. Invalid UTF-8 reads as U+FFFD, as Go's
// scanner reads it.
void GlobPattern::compile() {
  auto r = runes(text_);
  const size_t m = r.size();
  std::string re = "^";
  size_t k = 0;
  for (size_t i = 0; k < m; ++i) {
    const uint32_t ch = r[k++];
    if (ch == '*') {
      if (k < m && r[k] == '*') {
        ++k;
        if (k < m && r[k] == '/') ++k;
        if (k >= m) {
          if (kind_ == Kind::exact) {
            kind_ = Kind::prefix;
          } else {
            re += ".*";
            kind_ = Kind::wild;
          }
        } else {
          re += "(.*/)?";
          kind_ = Kind::wild;
        }
        if (i == 0) kind_ = Kind::suffix;
      } else {
        re += "[^/]*";
        kind_ = Kind::wild;
      }
    } else if (ch == '?') {
      re += "[^/]";
      kind_ = Kind::wild;
    } else if (should_escape(ch)) {
      re += '\\';
      append_rune(re, ch);
    } else if (ch == '\\') {
      re += '\\';
      if (k < m) {
        append_rune(re, r[k++]);
        kind_ = Kind::wild;
      }
    } else if (ch == '[' || ch == ']') {
      re += static_cast<char>(ch);
      kind_ = Kind::wild;
    } else {
      append_rune(re, ch);
    }
  }
  if (kind_ != Kind::wild || !error_.empty()) return;
  re += '$';
  RE2::Options opt;
  opt.set_log_errors(false);
  auto compiled = std::make_shared<const RE2>(re, opt);
  if (!compiled->ok()) {
    error_ = "syntax error in pattern";  // the engine fails the build on its first use
    return;
  }
  re_ = std::move(compiled);
}

bool GlobPattern::match(std::string_view path) const {
  if (!error_.empty()) return false;
  switch (kind_) {
    case Kind::exact:
      return path == text_;
    case Kind::prefix:
      return path.substr(0, text_.size() - 2) == std::string_view(text_).substr(0, text_.size() - 2);
    case Kind::suffix: {
      std::string_view suffix = std::string_view(text_).substr(2);
      if (path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix) return true;
      return !suffix.empty() && suffix[0] == '/' && path == suffix.substr(1);
    }
    case Kind::wild: {
      if (!re_) return false;
      // Go's MatchString searches; the pattern carries its own anchors. Go
      // reads a byte that is not UTF-8 as U+FFFD (so `?` and `*` take it);
      // RE2 would not match it at all, so such bytes are spelled U+FFFD.
      std::string fixed;
      for (size_t i = 0; i < path.size();) {
        size_t len;
        uint32_t c = decode(path, i, len);
        if (c == kBadRune && len == 1 && static_cast<unsigned char>(path[i]) >= 0x80) {
          if (fixed.empty()) fixed.assign(path.substr(0, i));
          fixed += "\xEF\xBF\xBD";
        } else if (!fixed.empty()) {
          fixed.append(path.substr(i, len));
        }
        i += len;
      }
      const std::string_view subject = fixed.empty() ? path : std::string_view(fixed);
      return RE2::PartialMatch(re2::StringPiece(subject.data(), subject.size()), *re_);
    }
  }
  return false;
}

bool glob_match(std::string_view pattern, std::string_view path) { return GlobPattern(pattern).match(path); }

}  // namespace dd
