#pragma once
// Words and text for the Dockerfile rules: names, case, prefixes, the
// source text of a range, ranges inside a word, nearest names (typos).
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>
#include "dockerfile/ast.h"
#include "knowledge/command.h"

namespace dd::dockerfile::util {

using Words = std::vector<std::string_view>;
using dd::kb::WordList;

inline std::string_view basename(std::string_view p) {
  auto s = p.rfind('/');
  return s == std::string_view::npos ? p : p.substr(s + 1);
}

inline std::string lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

inline bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

inline std::string quoted_line(int line) { return "line " + std::to_string(line); }

// The range of [b, e) inside an argument word that sits on one line.
inline Range sub_range(const Range& word, size_t b, size_t e) {
  Range r = word;
  if (word.begin.line != word.end.line) return word;
  r.begin.column = word.begin.column + static_cast<int>(b);
  r.end.column = word.begin.column + static_cast<int>(e);
  if (r.end.column > word.end.column) r.end.column = word.end.column;
  return r;
}

// The source text of a range on one line (for evidence).
inline std::string text_of(const Dockerfile& df, const Range& r) {
  if (r.begin.line < 1 || static_cast<size_t>(r.begin.line) > df.lines.size()) return {};
  const std::string& l = df.lines[r.begin.line - 1];
  size_t b = r.begin.column > 0 ? static_cast<size_t>(r.begin.column - 1) : 0;
  size_t e = r.end.line == r.begin.line && r.end.column > 0 ? static_cast<size_t>(r.end.column - 1) : l.size();
  if (b >= l.size() || e < b) return {};
  return l.substr(b, e - b);
}

// Levenshtein distance, bounded: returns max+1 as soon as it is exceeded.
inline size_t edit_distance(std::string_view a, std::string_view b, size_t max = 3) {
  if (a.size() > b.size() + max || b.size() > a.size() + max) return max + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t best = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      best = std::min(best, cur[j]);
    }
    if (best > max) return max + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The name in `names` closest to `word` (distance <= max, never equal), or empty.
template <class Names>
std::string closest(std::string_view word, const Names& names, size_t max = 2) {
  std::string best;
  size_t bd = max + 1;
  for (const auto& n : names) {
    std::string_view v(n);
    if (v == word) continue;
    size_t d = edit_distance(word, v, max);
    if (d < bd) {
      bd = d;
      best = std::string(v);
    }
  }
  return best;
}

}  // namespace dd::dockerfile::util
