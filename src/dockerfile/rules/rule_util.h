#pragma once
// Small helpers shared by the DD1xxx rules (hadolint and BuildKit ports):
// walking the commands of RUN instructions, reading options of package
// managers, positions of script words, variable references.
#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/redact.h"
#include "dockerfile/command.h"
#include "dockerfile/rule.h"
#include "dockerfile/stages.h"
#include "secrets/secrets.h"

namespace dd::dockerfile::util {

using Words = std::vector<std::string_view>;
// The one command model (knowledge/command.h, dockerfile/command.h) and its
// option readers.
using dd::kb::WordList;
using dd::kb::is_option;
using dd::kb::has_opt;
using dd::kb::opt_value;
using dd::kb::operands;
using dd::kb::subcommand;
using dd::kb::sub_operands;
using dockerfile::commands;
using dockerfile::run_commands;
using dockerfile::script_range;
// The stage graph (dockerfile/stages.h).
using dockerfile::rooted_in_scratch;
using dockerfile::stage_ships;

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

// A variable reference in a text: $NAME or ${NAME...}.
struct VarRef {
  std::string name;
  size_t begin = 0;  // offset of '$'
  size_t end = 0;
  bool has_default = false;  // ${N:-x}, ${N-x}, ${N:+x}, ${N+x}, ${N:?x}, ${N?x}
};

inline bool var_char(char c, bool first) {
  return c == '_' || std::isalpha(static_cast<unsigned char>(c)) || (!first && std::isdigit(static_cast<unsigned char>(c)));
}

// References outside single quotes; `escape` protects the next character.
inline std::vector<VarRef> var_refs(std::string_view s, char escape = '\\') {
  std::vector<VarRef> out;
  bool single = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == escape && !single) {
      ++i;
      continue;
    }
    if (c == '\'') {
      single = !single;
      continue;
    }
    if (single || c != '$' || i + 1 >= s.size()) continue;
    VarRef r;
    r.begin = i;
    if (s[i + 1] == '{') {
      size_t j = i + 2;
      while (j < s.size() && var_char(s[j], j == i + 2)) ++j;
      r.name = std::string(s.substr(i + 2, j - i - 2));
      size_t close = s.find('}', j);
      if (close == std::string_view::npos) close = s.size() - 1;
      std::string_view mod = s.substr(j, close - j);
      r.has_default = !mod.empty() && (mod[0] == '-' || mod[0] == '+' || mod[0] == '?' ||
                                       (mod.size() > 1 && mod[0] == ':' && (mod[1] == '-' || mod[1] == '+' || mod[1] == '?')));
      r.end = close + 1;
      i = close;
    } else {
      size_t j = i + 1;
      while (j < s.size() && var_char(s[j], j == i + 1)) ++j;
      if (j == i + 1) continue;
      r.name = std::string(s.substr(i + 1, j - i - 1));
      r.end = j;
      i = j - 1;
    }
    if (!r.name.empty()) out.push_back(std::move(r));
  }
  return out;
}

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

// The stage a COPY --from value names, by name or index; null when none.
inline const Stage* stage_ref(const Dockerfile& df, std::string_view v) { return df.stage_named(lower(v)); }

// Replaces every secret that the shared rule set finds in `text` by its
// redacted form.
inline std::string scrub_text(std::string text) {
  if (text.empty()) return text;
  auto found = secrets::scan_text(text);
  for (auto it = found.rbegin(); it != found.rend(); ++it)
    if (it->begin <= it->end && it->end <= text.size()) text.replace(it->begin, it->end - it->begin, it->redacted);
  return text;
}

// A finding with any secret in its message, evidence or fix redacted.
inline Finding scrub(Finding f) {
  f.message = scrub_text(std::move(f.message));
  f.evidence = scrub_text(std::move(f.evidence));
  f.fix = scrub_text(std::move(f.fix));
  return f;
}

// An EXPOSE word split at '/': "8080/tcp" -> ports "8080", proto "tcp".
struct Port {
  std::string spec;   // the word as written
  std::string ports;  // before '/'
  std::string proto;  // after '/', as written
};
inline Port split_port(const std::string& w) {
  Port p{w, w, ""};
  auto slash = w.find('/');
  if (slash != std::string::npos) {
    p.ports = w.substr(0, slash);
    p.proto = w.substr(slash + 1);
  }
  return p;
}

}  // namespace dd::dockerfile::util
