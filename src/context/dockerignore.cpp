// .dockerignore parsing (moby's ignorefile.ReadAll then patternmatcher.New)
// and matching (patternmatcher's MatchesOrParentMatches).
#include <algorithm>

#include "context/dockerignore.h"

namespace dd::context {
namespace {

// Go's strings.TrimSpace for the whitespace a text file realistically holds:
// ASCII space, \t \n \v \f \r, U+0085 and U+00A0.
std::string_view trim_space(std::string_view s) {
  auto is_space_at_front = [](std::string_view t) -> size_t {
    if (t.empty()) return 0;
    char c = t[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') return 1;
    if (t.size() >= 2 && static_cast<unsigned char>(c) == 0xC2 &&
        (static_cast<unsigned char>(t[1]) == 0x85 || static_cast<unsigned char>(t[1]) == 0xA0))
      return 2;
    return 0;
  };
  auto is_space_at_back = [](std::string_view t) -> size_t {
    if (t.empty()) return 0;
    char c = t.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') return 1;
    if (t.size() >= 2 && static_cast<unsigned char>(t[t.size() - 2]) == 0xC2 &&
        (static_cast<unsigned char>(c) == 0x85 || static_cast<unsigned char>(c) == 0xA0))
      return 2;
    return 0;
  };
  while (size_t n = is_space_at_front(s)) s.remove_prefix(n);
  while (size_t n = is_space_at_back(s)) s.remove_suffix(n);
  return s;
}

constexpr size_t kMaxLine = 64 * 1024;  // bufio.Scanner's default token limit

}  // namespace

IgnoreMatcher IgnoreMatcher::parse(std::string_view text) {
  IgnoreMatcher m;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.size() > kMaxLine) {
      // The engine fails to read the whole file; nothing after this counts.
      m.errors_.push_back({line_no, "line longer than 64 KiB: the engine cannot read this .dockerignore"});
      break;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (!line.empty() && line[0] == '#') continue;
    std::string_view p = trim_space(line);
    if (p.empty()) continue;
    // ReadAll: strip `!`, clean, drop a leading `/`.
    bool invert = p[0] == '!';
    if (invert) p = trim_space(p.substr(1));
    std::string pat(p);
    if (!pat.empty()) {
      pat = clean_path(pat);
      if (pat.size() > 1 && pat[0] == '/') pat.erase(0, 1);
    }
    if (invert) pat = "!" + pat;
    // patternmatcher.New: trim and clean again, then split off `!`.
    pat = clean_path(trim_space(pat));
    IgnorePattern ip;
    ip.line = line_no;
    if (pat[0] == '!') {
      if (pat.size() == 1) {
        m.errors_.push_back({line_no, "illegal exclusion pattern: \"!\""});
        continue;
      }
      ip.exclusion = true;
      pat.erase(0, 1);
    }
    ip.text = pat;
    ip.glob = GlobPattern(pat);
    if (!ip.glob.valid()) {
      m.errors_.push_back({line_no, "syntax error in pattern \"" + pat + "\""});
      continue;
    }
    if (ip.exclusion) {
      m.has_exclusions_ = true;
      if (ip.glob.has_wildcard()) m.wildcard_exceptions_ = true;
    }
    m.patterns_.push_back(std::move(ip));
  }
  return m;
}

std::vector<char> IgnoreMatcher::parent_state(std::string_view dir, const std::vector<char>& parent) const {
  std::vector<char> out(patterns_.size(), 0);
  for (size_t i = 0; i < patterns_.size(); ++i)
    out[i] = (i < parent.size() && parent[i]) || patterns_[i].glob.match(dir);
  return out;
}

int IgnoreMatcher::decide(std::string_view path, const std::vector<char>& parent) const {
  bool matched = false;
  int who = -1;
  for (size_t i = 0; i < patterns_.size(); ++i) {
    const auto& p = patterns_[i];
    // An inclusion cannot change an already excluded path, nor an exception
    // a path that is not excluded.
    if (p.exclusion != matched) continue;
    bool m = p.glob.match(path) || (i < parent.size() && parent[i]);
    if (m) {
      matched = !p.exclusion;
      who = static_cast<int>(i);
    }
  }
  return who;
}

namespace {

// Per-pattern "matches a proper parent directory of path".
std::vector<char> parents_of(const IgnoreMatcher& m, std::string_view path) {
  std::vector<char> state;
  size_t slash = path.find('/');
  while (slash != std::string_view::npos) {
    state = m.parent_state(path.substr(0, slash), state);
    slash = path.find('/', slash + 1);
  }
  return state;
}

}  // namespace

const IgnorePattern* IgnoreMatcher::deciding(std::string_view path) const {
  std::string p = clean_path(path);
  if (p == "." || patterns_.empty()) return nullptr;
  int who = decide(p, parents_of(*this, p));
  return who < 0 ? nullptr : &patterns_[who];
}

bool IgnoreMatcher::excluded(std::string_view path) const {
  const IgnorePattern* p = deciding(path);
  return p && !p->exclusion;
}

bool IgnoreMatcher::may_reinclude_under(std::string_view dir) const {
  if (!has_exclusions_) return false;
  if (wildcard_exceptions_) return true;
  std::string prefix = std::string(dir) + "/";
  return std::any_of(patterns_.begin(), patterns_.end(), [&](const IgnorePattern& p) {
    return p.exclusion && (p.text + "/").compare(0, prefix.size(), prefix) == 0;
  });
}

}  // namespace dd::context
