#include "dockerfile/expand.h"

#include "knowledge/build_env.h"

#include <algorithm>
#include <array>

#include "dockerfile/ast.h"

namespace dd::dockerfile {
namespace {

constexpr size_t kMaxPatternText = 8192;  // longer values or patterns skip pattern operations
constexpr int kMaxDepth = 64;
// Nested ${A//a/${A//a/...}} grows the value exponentially; results stop here.
constexpr size_t kMaxExpansion = 1u << 20;
// Glob steps allowed to the pattern operations (${v#p}, ${v%p}, ${v/p/r}) of
// one expansion: a 500-byte value with a leading-* pattern fits, and a
// hostile one gives up in about a millisecond.
constexpr size_t kPatternBudget = 1u << 18;

bool name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool special(char c) { return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!' || c == '0'; }

// Adds the pattern characters it reads to *steps when given.
bool bracket(std::string_view p, size_t& i, char c, bool& ok, size_t* steps = nullptr);

class Expander {
 public:
  Expander(std::string_view s, const Vars& vars, char esc, Expansion& out) : s_(s), vars_(vars), esc_(esc), out_(out) {}

  // Processes until an unquoted char of `stop` (consumed) or the end.
  std::string process(std::string_view stop, bool glob, int depth, char* stopped = nullptr) {
    std::string r;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (!stop.empty() && stop.find(c) != std::string_view::npos) {
        ++pos_;
        if (stopped) *stopped = c;
        return r;
      }
      if (c == '\'') {
        ++pos_;
        size_t e = s_.find('\'', pos_);
        if (e == std::string_view::npos) {
          fail("unterminated single quote");
          e = s_.size();
        }
        literal(r, s_.substr(pos_, e - pos_), glob);
        pos_ = std::min(e + 1, s_.size());
      } else if (c == '"') {
        ++pos_;
        double_quoted(r, glob, depth);
      } else if (c == '$') {
        r += dollar(depth);
      } else if (c == esc_) {
        ++pos_;
        if (pos_ < s_.size()) literal(r, s_.substr(pos_++, 1), glob);
      } else {
        r.push_back(c);
        ++pos_;
      }
    }
    if (stopped) *stopped = 0;
    return r;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  const Vars& vars_;
  char esc_;
  Expansion& out_;
  size_t budget_ = kPatternBudget;

  void fail(std::string msg) {
    if (out_.error.empty()) out_.error = std::move(msg);
  }

  static void literal(std::string& r, std::string_view t, bool glob) {
    for (char c : t) {
      if (glob && (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\')) r.push_back('\\');
      r.push_back(c);
    }
  }

  void double_quoted(std::string& r, bool glob, int depth) {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c == '$') {
        literal(r, dollar(depth), glob);
        continue;
      }
      if (c == esc_ && pos_ + 1 < s_.size()) {
        char n = s_[pos_ + 1];
        if (n == '"' || n == '$' || n == esc_) {
          literal(r, std::string_view(&s_[pos_ + 1], 1), glob);
          pos_ += 2;
          continue;
        }
      }
      literal(r, std::string_view(&s_[pos_], 1), glob);
      ++pos_;
    }
    fail("unterminated double quote");
  }

  const std::string* lookup(const std::string& name) {
    auto it = vars_.find(name);
    return it == vars_.end() ? nullptr : &it->second;
  }

  void unresolved(const std::string& name) {
    if (std::find(out_.unresolved.begin(), out_.unresolved.end(), name) == out_.unresolved.end())
      out_.unresolved.push_back(name);
  }

  std::string name() {
    size_t b = pos_;
    if (pos_ < s_.size() && digit(s_[pos_])) {
      while (pos_ < s_.size() && digit(s_[pos_])) ++pos_;
      return std::string(s_.substr(b, pos_ - b));
    }
    if (pos_ < s_.size() && special(s_[pos_])) return std::string(s_.substr(pos_++, 1));
    while (pos_ < s_.size() && name_char(s_[pos_])) ++pos_;
    return std::string(s_.substr(b, pos_ - b));
  }

  std::string value_of(const std::string& n, bool report) {
    if (n.empty() || !name_start(n[0])) return {};  // positional and special parameters: empty
    if (const std::string* v = lookup(n)) return *v;
    if (report) unresolved(n);
    return {};
  }

  std::string dollar(int depth) {
    ++pos_;  // '$'
    if (pos_ >= s_.size()) return "$";
    if (s_[pos_] == '{') {
      ++pos_;
      return braced(depth);
    }
    std::string n = name();
    if (n.empty()) return "$";
    return value_of(n, true);
  }

  // Skips to the closing brace of a malformed ${...}, returning it as written.
  std::string bad(size_t start) {
    fail("bad substitution");
    int level = 1;
    while (pos_ < s_.size() && level > 0) {
      if (s_[pos_] == '{') ++level;
      if (s_[pos_] == '}') --level;
      ++pos_;
    }
    return std::string(s_.substr(start, pos_ - start));
  }

  std::string braced(int depth) {
    size_t start = pos_ - 2;
    if (depth > kMaxDepth) return bad(start);
    // ${#VAR}: length
    if (pos_ + 1 < s_.size() && s_[pos_] == '#' && name_start(s_[pos_ + 1])) {
      ++pos_;
      std::string n = name();
      if (pos_ >= s_.size() || s_[pos_] != '}') return bad(start);
      ++pos_;
      return std::to_string(value_of(n, true).size());
    }
    std::string n = name();
    if (n.empty() || pos_ >= s_.size()) return bad(start);
    const std::string* v = name_start(n[0]) ? lookup(n) : nullptr;
    char op = s_[pos_];
    if (op == '}') {
      ++pos_;
      return value_of(n, true);
    }
    ++pos_;
    bool colon = false;
    if (op == ':') {
      if (pos_ >= s_.size()) return bad(start);
      op = s_[pos_++];
      if (op != '-' && op != '+' && op != '?') return bad(start);
      colon = true;
    }
    char stopped = 0;
    if (op == '-' || op == '+' || op == '?') {
      std::string word = process("}", false, depth + 1, &stopped);
      if (!stopped) fail("missing '}' in ${" + n);
      bool set = v && (!colon || !v->empty());
      if (op == '-') return set ? *v : word;
      if (op == '+') return set ? word : std::string();
      if (!set) {
        fail(word.empty() ? n + ": parameter " + (v ? "is empty" : "not set") : n + ": " + word);
        return {};
      }
      return *v;
    }
    if (op == '#' || op == '%') {
      bool longest = pos_ < s_.size() && s_[pos_] == op;
      if (longest) ++pos_;
      std::string pat = process("}", true, depth + 1, &stopped);
      if (!stopped) fail("missing '}' in ${" + n);
      std::string val = value_of(n, true);
      return op == '#' ? remove_prefix(val, pat, longest) : remove_suffix(val, pat, longest);
    }
    if (op == '/') {
      bool all = pos_ < s_.size() && s_[pos_] == '/';
      if (all) ++pos_;
      std::string pat = process("/}", true, depth + 1, &stopped);
      std::string rep;
      if (stopped == '/') rep = process("}", false, depth + 1, &stopped);
      if (!stopped) fail("missing '}' in ${" + n);
      return replace(value_of(n, true), pat, rep, all);
    }
    return bad(start);
  }

  // Pattern operations try every prefix, suffix or substring: cubic on a
  // hostile value. Every glob step counts against one budget per expansion;
  // past it the operation gives up and leaves the value as it is.
  bool match(std::string_view pat, std::string_view text) {
    size_t steps = 1;
    bool m = glob_match(pat, text, &steps);
    budget_ = steps >= budget_ ? 0 : budget_ - steps;
    return m;
  }
  bool out_of_budget() const { return budget_ == 0; }

  // How many characters a pattern without '*' matches (npos when it has one).
  // Many unclosed '[' make this quadratic: past the budget it answers npos,
  // which sends the caller down the general, budgeted path.
  static size_t fixed_length(std::string_view p) {
    size_t n = 0;
    size_t steps = 0;
    for (size_t i = 0; i < p.size(); ++n) {
      if (p[i] == '*' || steps > kPatternBudget) return std::string::npos;
      if (p[i] == '\\' && i + 1 < p.size()) {
        i += 2;
      } else if (p[i] == '[') {
        size_t ni = i;
        bool ok = false;
        bracket(p, ni, 'x', ok, &steps);  // only to find where it ends, as glob_match does
        i = ok ? ni : i + 1;
      } else {
        ++i;
      }
    }
    return n;
  }

  std::string remove_prefix(const std::string& v, const std::string& pat, bool longest) {
    if (v.size() > kMaxPatternText || pat.size() > kMaxPatternText) return v;
    if (longest) {
      for (size_t i = v.size() + 1; i-- > 0 && !out_of_budget();)
        if (match(pat, std::string_view(v).substr(0, i))) return v.substr(i);
    } else {
      for (size_t i = 0; i <= v.size() && !out_of_budget(); ++i)
        if (match(pat, std::string_view(v).substr(0, i))) return v.substr(i);
    }
    return v;
  }

  std::string remove_suffix(const std::string& v, const std::string& pat, bool longest) {
    if (v.size() > kMaxPatternText || pat.size() > kMaxPatternText) return v;
    if (longest) {
      for (size_t i = 0; i <= v.size() && !out_of_budget(); ++i)
        if (match(pat, std::string_view(v).substr(i))) return v.substr(0, i);
    } else {
      for (size_t i = v.size() + 1; i-- > 0 && !out_of_budget();)
        if (match(pat, std::string_view(v).substr(i))) return v.substr(0, i);
    }
    return v;
  }

  std::string replace(const std::string& v, const std::string& pat, const std::string& rep, bool all) {
    if (v.size() > kMaxPatternText || pat.size() > kMaxPatternText || pat.empty()) return v;
    // Without '*' a match has one possible length: one try per offset, not n.
    const size_t fixed = fixed_length(pat);
    std::string out;
    size_t i = 0;
    bool done = false;
    while (i < v.size()) {
      size_t match_end = std::string::npos;
      if (!done) {
        size_t stop = fixed == std::string::npos ? i : (i + fixed <= v.size() ? i + fixed - 1 : v.size());
        size_t from = fixed == std::string::npos ? v.size() : std::min(v.size(), i + fixed);
        for (size_t e = from; e > stop; --e) {
          if (out_of_budget()) return v;
          if (match(pat, std::string_view(v).substr(i, e - i))) {
            match_end = e;
            break;
          }
        }
      }
      if (match_end != std::string::npos) {
        out += rep;
        i = match_end;
        if (!all) done = true;
        if (out.size() > kMaxExpansion) break;
      } else {
        out.push_back(v[i++]);
      }
    }
    return out;
  }
};

// Matches one bracket expression at p (pattern[p] == '['); sets `next` past it.
bool bracket(std::string_view p, size_t& i, char c, bool& ok, size_t* steps) {
  size_t j = i + 1;
  bool neg = false;
  if (j < p.size() && (p[j] == '!' || p[j] == '^')) {
    neg = true;
    ++j;
  }
  bool matched = false;
  bool first = true;
  while (j < p.size() && (first || p[j] != ']')) {
    first = false;
    char lo = p[j];
    if (lo == '\\' && j + 1 < p.size()) lo = p[++j];
    char hi = lo;
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      hi = p[j + 2];
      if (hi == '\\' && j + 3 < p.size()) {
        hi = p[j + 3];
        ++j;
      }
      j += 2;
    }
    if (c >= lo && c <= hi) matched = true;
    ++j;
  }
  if (steps) *steps += j - i;  // an unclosed '[' reads to the end of the pattern
  if (j >= p.size()) {  // no closing bracket: '[' is literal
    ok = false;
    return false;
  }
  ok = true;
  i = j + 1;
  return matched != neg;
}

}  // namespace

bool glob_match(std::string_view p, std::string_view t) { return glob_match(p, t, nullptr); }

bool glob_match(std::string_view p, std::string_view t, size_t* steps) {
  size_t pi = 0, ti = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (ti < t.size()) {
    if (steps) ++*steps;
    if (pi < p.size()) {
      char c = p[pi];
      if (c == '*') {
        star_p = ++pi;
        star_t = ti;
        continue;
      }
      if (c == '?') {
        ++pi;
        ++ti;
        continue;
      }
      if (c == '[') {
        size_t ni = pi;
        bool ok = false;
        bool m = bracket(p, ni, t[ti], ok, steps);
        if (ok) {
          if (m) {
            pi = ni;
            ++ti;
            continue;
          }
        } else if (t[ti] == '[') {
          ++pi;
          ++ti;
          continue;
        }
      } else {
        char lit = c;
        size_t adv = 1;
        if (c == '\\' && pi + 1 < p.size()) {
          lit = p[pi + 1];
          adv = 2;
        }
        if (lit == t[ti]) {
          pi += adv;
          ++ti;
          continue;
        }
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p;
    ti = ++star_t;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

Expansion expand(std::string_view word, const Vars& vars, char escape) {
  Expansion out;
  Expander e(word, vars, escape, out);
  out.value = e.process({}, false, 0);
  return out;
}

// The table lives in the knowledge layer (knowledge/build_env.h).
bool is_builtin_arg(std::string_view n) { return dd::kb::predefined_arg(n) != nullptr; }

namespace {

struct StageVars {
  Vars args;
  Vars env;
  Vars merged() const {
    Vars m = args;
    for (const auto& [k, v] : env) m[k] = v;
    return m;
  }
};

Vars global_scope(const Dockerfile& df, size_t before, const Vars& build_args) {
  Vars g;
  for (size_t idx : df.global_args) {
    if (idx >= before) break;
    for (const auto& kv : df.instructions[idx].pairs) {
      if (auto it = build_args.find(kv.key); it != build_args.end())
        g[kv.key] = it->second;
      else if (kv.has_value)
        g[kv.key] = expand(kv.raw_value, g, df.escape).value;
    }
  }
  return g;
}

// Applies one ARG or ENV instruction to the variables of its stage.
void apply(const Dockerfile& df, const Instruction& ins, StageVars& sv, const Vars& globals, const Vars& build_args) {
  if (ins.kind == Kw::ARG) {
    // Like ENV, every value of one ARG line sees the variables before it.
    Vars cur = sv.merged();
    for (const auto& kv : ins.pairs) {
      if (auto it = build_args.find(kv.key); it != build_args.end())
        sv.args[kv.key] = it->second;
      else if (kv.has_value)
        sv.args[kv.key] = expand(kv.raw_value, cur, df.escape).value;
      else if (auto g = globals.find(kv.key); g != globals.end())
        sv.args[kv.key] = g->second;
    }
  } else if (ins.kind == Kw::ENV) {
    Vars cur = sv.merged();
    for (const auto& kv : ins.pairs) sv.env[kv.key] = expand(kv.raw_value, cur, df.escape).value;
  }
}

// Runs the ARG/ENV of a stage up to (not including) instruction `before`.
StageVars run_stage(const Dockerfile& df, const Stage& st, size_t before, const Vars& globals, const Vars& build_args,
                    int depth) {
  StageVars sv;
  if (st.base_stage && *st.base_stage < st.index && depth < 64) {
    const Stage& base = df.stages[static_cast<size_t>(*st.base_stage)];
    sv.env = run_stage(df, base, df.instructions.size(), globals, build_args, depth + 1).env;
  }
  for (size_t idx : st.instructions) {
    if (idx >= before) break;
    if (idx == st.from_index) continue;
    apply(df, df.instructions[idx], sv, globals, build_args);
  }
  return sv;
}

}  // namespace

Vars scope_at(const Dockerfile& df, size_t index, const Vars& build_args) {
  if (index >= df.instructions.size()) return {};
  const Instruction& ins = df.instructions[index];
  if (ins.stage < 0 || ins.kind == Kw::FROM || static_cast<size_t>(ins.stage) >= df.stages.size())
    return global_scope(df, index, build_args);
  Vars globals = global_scope(df, df.instructions.size(), build_args);
  return run_stage(df, df.stages[static_cast<size_t>(ins.stage)], index, globals, build_args, 0).merged();
}

std::vector<Vars> all_scopes(const Dockerfile& df, const Vars& build_args) {
  const size_t n = df.instructions.size();
  std::vector<Vars> out(n);
  std::vector<bool> done(n, false);
  Vars globals = global_scope(df, n, build_args);
  for (const Stage& st : df.stages) {
    StageVars sv;
    if (st.base_stage && *st.base_stage < st.index) {
      const Stage& base = df.stages[static_cast<size_t>(*st.base_stage)];
      sv.env = run_stage(df, base, n, globals, build_args, 1).env;
    }
    for (size_t idx : st.instructions) {
      if (idx >= n || idx == st.from_index) continue;
      const Instruction& ins = df.instructions[idx];
      if (ins.kind == Kw::FROM || ins.stage != st.index) continue;
      out[idx] = sv.merged();
      done[idx] = true;
      apply(df, ins, sv, globals, build_args);
    }
  }
  // Global ARGs, FROM lines and anything outside a stage.
  for (size_t i = 0; i < n; ++i)
    if (!done[i]) out[i] = scope_at(df, i, build_args);
  return out;
}

}  // namespace dd::dockerfile
