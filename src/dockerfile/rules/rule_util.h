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
#include "dockerfile/rule.h"
#include "secrets/secrets.h"

namespace dd::dockerfile::util {

using Words = std::vector<std::string_view>;

// The words a helper takes: a braced list ({"-y", "--yes"}) or a Words, seen
// in place. (Taking `const Words&` built a vector on every call.) Only for
// parameters: a braced list lives until the end of the call's statement.
class WordList {
 public:
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winit-list-lifetime"
#endif
  WordList(std::initializer_list<std::string_view> l) : b_(l.begin()), e_(l.end()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  WordList(const Words& w) : b_(w.data()), e_(w.data() + w.size()) {}
  const std::string_view* begin() const { return b_; }
  const std::string_view* end() const { return e_; }
  size_t size() const { return static_cast<size_t>(e_ - b_); }
  bool empty() const { return b_ == e_; }
  std::string_view operator[](size_t i) const { return b_[i]; }

 private:
  const std::string_view* b_;
  const std::string_view* e_;
};

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

// File range of offsets [b, e) of the script of `ins`, heredoc bodies included.
inline Range script_range(const Instruction& ins, size_t b, size_t e) {
  Range r = ins.script_positions().range(b, std::max(e, b + 1));
  if (r.begin.line <= 0) r = ins.keyword_range;
  return r;
}

// One command of a RUN with the index of its real program (after sudo, env...).
struct Cmd {
  const Instruction* ins = nullptr;
  const shell::Command* cmd = nullptr;
  size_t prog = 0;

  size_t size() const { return cmd->argv.size(); }
  const shell::Word& word(size_t i) const { return cmd->argv[i]; }
  std::string_view arg(size_t i) const { return i < size() ? std::string_view(cmd->argv[i].value) : std::string_view(); }
  std::string_view name() const { return basename(arg(prog)); }
  Range range(size_t i) const { return script_range(*ins, word(i).begin, word(i).end); }
  Range whole() const { return script_range(*ins, cmd->begin, cmd->end); }
};

// Commands of one RUN (shell form); empty for other instructions. Computed
// once per instruction and shared by every rule.
inline std::vector<Cmd> build_commands(const LintInput& in, const Instruction& ins) {
  std::vector<Cmd> out;
  if (ins.kind != Kw::RUN) return out;
  out.reserve(in.script(ins).commands.size());
  for (const auto& c : in.script(ins).commands) {
    if (c.argv.empty()) continue;
    size_t p = shell::real_program_index(c);
    if (p >= c.argv.size()) p = 0;
    // python -m pip install ...: the module is the program.
    if (starts_with(basename(c.argv[p].value), "python") && p + 2 < c.argv.size() && c.argv[p + 1].value == "-m"sv) p += 2;
    out.push_back({&ins, &c, p});
  }
  return out;
}

inline const std::vector<Cmd>& commands(const LintInput& in, const Instruction& ins) {
  static const char tag = 0;
  return in.memo<std::vector<Cmd>>(&tag, ins, [&] { return build_commands(in, ins); });
}

// Every command of every RUN in the file, in order.
inline std::vector<Cmd> run_commands(const LintInput& in) {
  std::vector<Cmd> out;
  for (const auto& ins : in.df.instructions) {
    const auto& c = commands(in, ins);
    out.insert(out.end(), c.begin(), c.end());
  }
  return out;
}

// True when the word is an option (starts with '-', not a lone '-').
inline bool is_option(std::string_view w) { return w.size() > 1 && w[0] == '-'; }

// True when argv after the program carries one of `names`: long ones match
// "--name" and "--name=value"; one-letter ones ("-y") also match bundles
// like "-qy".
inline bool has_opt(const Cmd& c, WordList names) {
  for (size_t i = c.prog + 1; i < c.size(); ++i) {
    std::string_view w = c.arg(i);
    if (w == "--"sv) break;
    if (!is_option(w)) continue;
    for (auto n : names) {
      if (w == n) return true;
      if (starts_with(n, "--") && starts_with(w, n) && w.size() > n.size() && w[n.size()] == '=') return true;
      if (n.size() == 2 && n[0] == '-' && n[1] != '-' && w[1] != '-') {
        // A bundle such as -qy or -qO-: letters up to the one we look for.
        size_t p = w.find(n[1], 1);
        if (p != std::string_view::npos &&
            std::all_of(w.begin() + 1, w.begin() + static_cast<long>(p) + 1,
                        [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); }))
          return true;
      }
    }
  }
  return false;
}

// The value of option `name` ("-u 1000", "-u1000", "--uid=1000", "--uid 1000").
inline std::string opt_value(const Cmd& c, WordList names) {
  for (size_t i = c.prog + 1; i < c.size(); ++i) {
    std::string_view w = c.arg(i);
    for (auto n : names) {
      if (w == n) return i + 1 < c.size() ? std::string(c.arg(i + 1)) : std::string();
      if (starts_with(n, "--") && starts_with(w, n) && w.size() > n.size() && w[n.size()] == '=')
        return std::string(w.substr(n.size() + 1));
      if (n.size() == 2 && n[1] != '-' && starts_with(w, n) && w.size() > 2 && w[1] != '-')
        return std::string(w.substr(2));
    }
  }
  return {};
}

// Indices of the non-option words after the program. Options listed in
// `with_value` consume the next word unless written --opt=value.
inline std::vector<size_t> operands(const Cmd& c, WordList with_value = {}) {
  std::vector<size_t> out;
  bool only_operands = false;
  for (size_t i = c.prog + 1; i < c.size(); ++i) {
    std::string_view w = c.arg(i);
    if (!only_operands && w == "--"sv) {
      only_operands = true;
      continue;
    }
    if (!only_operands && is_option(w)) {
      for (auto n : with_value)
        if (w == n) {
          ++i;
          break;
        }
      continue;
    }
    out.push_back(i);
  }
  return out;
}

// The subcommand (first operand) index, or 0 when none.
inline size_t subcommand(const Cmd& c, WordList with_value = {}) {
  auto ops = operands(c, with_value);
  return ops.empty() ? 0 : ops.front();
}

// Operands after the subcommand (e.g. the packages of `apt-get install`).
inline std::vector<size_t> sub_operands(const Cmd& c, WordList with_value = {}) {
  auto ops = operands(c, with_value);
  if (!ops.empty()) ops.erase(ops.begin());
  return ops;
}

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

// True when the stage `idx` ships: it is the last stage or an ancestor of it
// through FROM <stage>.
inline bool stage_ships(const Dockerfile& df, int idx) {
  if (df.stages.empty()) return true;
  int s = static_cast<int>(df.stages.size()) - 1;
  for (int guard = 0; s >= 0 && guard < 1000; ++guard) {
    if (s == idx) return true;
    const auto& st = df.stages[s];
    if (!st.base_stage || *st.base_stage >= s) break;
    s = *st.base_stage;
  }
  return false;
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

// True when the stage's base chain ends in `scratch` (no inherited environment).
inline bool rooted_in_scratch(const Dockerfile& df, int st) {
  for (int guard = 0; st >= 0 && st < static_cast<int>(df.stages.size()) && guard < 1000; ++guard) {
    const auto& s = df.stages[st];
    if (!s.base_stage) return lower(s.base_expanded) == "scratch"sv;
    if (*s.base_stage >= st) return false;
    st = *s.base_stage;
  }
  return false;
}

// The stage a COPY --from value names, by name or index; null when none.
inline const Stage* stage_ref(const Dockerfile& df, std::string_view v) { return df.stage_named(lower(v)); }

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
