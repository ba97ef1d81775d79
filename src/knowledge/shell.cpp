#include "knowledge/shell.h"
#include "knowledge/programs.h"

#include <algorithm>
#include <array>
#include <iterator>

namespace dd::shell {
namespace {

using namespace std::string_view_literals;

constexpr int kMaxDepth = 32;
constexpr size_t kMaxCommands = 100000;

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
bool op_char(char c) { return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>'; }
bool name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }
// Characters a word takes literally outside quotes.
bool plain(char c) {
  return !(space(c) || c == '\n' || op_char(c) || c == '\\' || c == '\'' || c == '"' || c == '$' || c == '`');
}

std::string_view basename(std::string_view s) {
  size_t slash = s.rfind('/');
  return slash == std::string_view::npos ? s : s.substr(slash + 1);
}

bool is_shell(std::string_view p) {
  return p == "sh" || p == "bash" || p == "ash" || p == "dash" || p == "zsh" || p == "ksh" || p == "busybox";
}

enum class Kind { word, op, newline };

struct Token {
  Kind kind = Kind::word;
  std::string_view op;  // into the script, or a literal
  Word word;
  std::string_view raw;  // the word as written
  size_t begin = 0;
  size_t end = 0;
  // Heredoc redirection: the body span, filled when the line ends.
  bool heredoc = false;
  bool strip_tabs = false;
  size_t body_begin = 0;
  size_t body_end = 0;
};

struct Sub {
  size_t begin, end;
  int depth;
};

class Lexer {
 public:
  Lexer(std::string_view s, size_t b, size_t e, std::vector<std::string>& errors, std::vector<size_t>& subs_out)
      : s_(s), p_(b), end_(e), errors_(errors), subs_(subs_out) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    out.reserve((end_ - p_) / 8 + 4);
    std::vector<size_t> pending;  // indices of heredoc tokens waiting for the end of the line
    while (true) {
      skip_blanks();
      if (p_ >= end_) break;
      char c = s_[p_];
      if (c == '#') {
        while (p_ < end_ && s_[p_] != '\n') ++p_;
        continue;
      }
      if (c == '\n') {
        out.push_back(op_token(Kind::newline, "\n", p_, p_ + 1));
        ++p_;
        for (size_t idx : pending) read_body(out[idx]);
        pending.clear();
        continue;
      }
      if (size_t q = redirect_start(); q != std::string_view::npos) {
        out.push_back(redirect(q));
        if (out.back().heredoc) pending.push_back(out.size() - 1);
        continue;
      }
      if ((c == '<' || c == '>') && p_ + 1 < end_ && s_[p_ + 1] == '(') {  // process substitution
        out.push_back(word_token());
        continue;
      }
      if (op_char(c)) {
        out.push_back(control());
        continue;
      }
      out.push_back(word_token());
    }
    for (size_t idx : pending) read_body(out[idx]);
    return out;
  }

 private:
  std::string_view s_;
  size_t p_;
  size_t end_;
  std::vector<std::string>& errors_;
  std::vector<size_t>& subs_;  // pairs: begin, end of $( ) and ` ` contents

  void err(std::string m) {
    if (errors_.size() < 50) errors_.push_back(std::move(m) + " at offset " + std::to_string(p_));
  }

  void skip_blanks() {
    while (p_ < end_) {
      if (space(s_[p_])) {
        ++p_;
      } else if (s_[p_] == '\\' && p_ + 1 < end_ && s_[p_ + 1] == '\n') {
        p_ += 2;
      } else {
        break;
      }
    }
  }

  static Token op_token(Kind k, std::string_view op, size_t b, size_t e) {
    Token t;
    t.kind = k;
    t.op = op;
    t.begin = b;
    t.end = e;
    return t;
  }

  Token control() {
    static constexpr std::array<std::string_view, 10> kOps = {"&&", "||", ";;", ";&", "|&", "&", "|", ";", "(", ")"};
    for (auto op : kOps) {
      if (s_.substr(p_, op.size()) == op && p_ + op.size() <= end_) {
        Token t = op_token(Kind::op, op == "|&" ? "|"sv : op == ";&" ? ";;"sv : op, p_, p_ + op.size());
        p_ += op.size();
        return t;
      }
    }
    Token t = op_token(Kind::op, s_.substr(p_, 1), p_, p_ + 1);
    ++p_;
    return t;
  }

  // Returns the offset of the operator when a redirection starts here.
  size_t redirect_start() const {
    size_t q = p_;
    while (q < end_ && s_[q] >= '0' && s_[q] <= '9') ++q;
    if (q < end_ && (s_[q] == '<' || s_[q] == '>')) {
      if (q + 1 < end_ && s_[q + 1] == '(') return std::string_view::npos;
      return q;
    }
    if (q == p_ && s_[q] == '&' && q + 1 < end_ && s_[q + 1] == '>') return q;
    return std::string_view::npos;
  }

  Token redirect(size_t q) {
    static constexpr std::array<std::string_view, 12> kOps = {"&>>", "&>", "<<<", "<<-", "<<", "<>", "<&",
                                                               ">>", ">|", ">&", ">", "<"};
    Token t;
    t.kind = Kind::op;
    t.begin = p_;
    for (auto op : kOps) {
      if (q + op.size() <= end_ && s_.substr(q, op.size()) == op) {
        t.op = s_.substr(p_, q + op.size() - p_);  // the fd digits, then the operator
        p_ = q + op.size();
        break;
      }
    }
    t.end = p_;
    auto ends = [&](std::string_view suf) {
      return t.op.size() >= suf.size() && t.op.compare(t.op.size() - suf.size(), suf.size(), suf) == 0;
    };
    t.heredoc = (ends("<<") || ends("<<-")) && !ends("<<<");
    t.strip_tabs = ends("<<-");
    if (t.heredoc) {
      skip_blanks();
      if (p_ < end_ && !op_char(s_[p_]) && s_[p_] != '\n') t.word = word_token().word;
    }
    return t;
  }

  // Reads a heredoc body after the current line for token t.
  void read_body(Token& t) {
    t.body_begin = p_;
    const std::string& delim = t.word.value;
    while (p_ < end_) {
      size_t nl = s_.find('\n', p_);
      size_t le = (nl == std::string_view::npos || nl > end_) ? end_ : nl;
      std::string_view line = s_.substr(p_, le - p_);
      if (t.strip_tabs)
        while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!delim.empty() && line == delim) {
        t.body_end = p_;
        p_ = le < end_ ? le + 1 : end_;
        return;
      }
      p_ = le < end_ ? le + 1 : end_;
    }
    t.body_end = end_;
  }

  // Finds the end of a $( ... ) or ( ... ) starting after the '(' at p.
  size_t match_paren(size_t p, int depth) {
    int level = 1;
    while (p < end_) {
      char c = s_[p];
      if (c == '\\') {
        p += 2;
      } else if (c == '\'') {
        size_t e = s_.find('\'', p + 1);
        p = (e == std::string_view::npos || e >= end_) ? end_ : e + 1;
      } else if (c == '"') {
        p = skip_double(p + 1, depth);
      } else if (c == '`') {
        p = skip_backtick(p + 1);
      } else if (c == '(') {
        ++level;
        ++p;
      } else if (c == ')') {
        if (--level == 0) return p;
        ++p;
      } else {
        ++p;
      }
    }
    return std::string_view::npos;
  }

  size_t skip_double(size_t p, int depth) {
    while (p < end_) {
      char c = s_[p];
      if (c == '\\') {
        p += 2;
      } else if (c == '"') {
        return p + 1;
      } else if (c == '$' && p + 1 < end_ && s_[p + 1] == '(' && depth < kMaxDepth) {
        size_t e = match_paren(p + 2, depth + 1);
        p = e == std::string_view::npos ? end_ : e + 1;
      } else {
        ++p;
      }
    }
    return end_;
  }

  size_t skip_backtick(size_t p) {
    while (p < end_) {
      if (s_[p] == '\\') {
        p += 2;
      } else if (s_[p] == '`') {
        return p + 1;
      } else {
        ++p;
      }
    }
    return end_;
  }

  // At '$': appends the expansion as written; returns true when it was one.
  void dollar(Word& w) {
    size_t b = p_;
    ++p_;
    if (p_ >= end_) {
      w.value.push_back('$');
      return;
    }
    char c = s_[p_];
    if (c == '(') {
      bool arith = p_ + 1 < end_ && s_[p_ + 1] == '(';
      size_t e = match_paren(p_ + 1, 0);
      if (e == std::string_view::npos) {
        err("unterminated $(");
        e = end_;
      } else if (!arith) {
        subs_.push_back(p_ + 1);
        subs_.push_back(e);
      }
      p_ = std::min(e + 1, end_);
      w.has_expansion = true;
    } else if (c == '{') {
      int level = 1;
      ++p_;
      while (p_ < end_ && level > 0) {
        if (s_[p_] == '\\') ++p_;
        else if (s_[p_] == '{') ++level;
        else if (s_[p_] == '}') --level;
        ++p_;
      }
      if (level > 0) err("unterminated ${");
      p_ = std::min(p_, end_);
      w.has_expansion = true;
    } else if (name_start(c)) {
      while (p_ < end_ && name_char(s_[p_])) ++p_;
      w.has_expansion = true;
    } else if ((c >= '0' && c <= '9') || c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' ||
               c == '!') {
      ++p_;
      w.has_expansion = true;
    }
    w.value.append(s_.substr(b, p_ - b));
  }

  void backtick(Word& w) {
    size_t b = p_;
    size_t e = skip_backtick(p_ + 1);
    if (e > end_ || s_[e - 1] != '`' || e == b + 1) {
      err("unterminated backtick");
      e = end_;
    } else {
      subs_.push_back(b + 1);
      subs_.push_back(e - 1);
    }
    p_ = e;
    w.has_expansion = true;
    w.value.append(s_.substr(b, e - b));
  }

  void ansi_c(Word& w) {
    p_ += 2;  // $'
    while (p_ < end_ && s_[p_] != '\'') {
      char c = s_[p_];
      if (c == '\\' && p_ + 1 < end_) {
        char n = s_[p_ + 1];
        p_ += 2;
        switch (n) {
          case 'n': w.value.push_back('\n'); break;
          case 't': w.value.push_back('\t'); break;
          case 'r': w.value.push_back('\r'); break;
          case 'a': w.value.push_back('\a'); break;
          case 'b': w.value.push_back('\b'); break;
          case 'e': case 'E': w.value.push_back('\x1b'); break;
          case 'f': w.value.push_back('\f'); break;
          case 'v': w.value.push_back('\v'); break;
          default: w.value.push_back(n);
        }
        continue;
      }
      w.value.push_back(c);
      ++p_;
    }
    if (p_ >= end_) err("unterminated $'");
    else ++p_;
  }

  Token word_token() {
    Token t;
    Word& w = t.word;
    w.begin = p_;
    if ((s_[p_] == '<' || s_[p_] == '>') && p_ + 1 < end_ && s_[p_ + 1] == '(') {
      size_t e = match_paren(p_ + 2, 0);
      if (e == std::string_view::npos) {
        err("unterminated process substitution");
        e = end_ - 1;
      } else {
        subs_.push_back(p_ + 2);
        subs_.push_back(e);
      }
      w.value.append(s_.substr(p_, e + 1 - p_));
      w.has_expansion = true;
      p_ = e + 1;
    }
    while (p_ < end_) {
      char c = s_[p_];
      if (space(c) || c == '\n' || op_char(c)) break;
      if (c == '\\') {
        if (p_ + 1 < end_) {
          if (s_[p_ + 1] != '\n') w.value.push_back(s_[p_ + 1]);
          w.quoted = true;
          p_ += 2;
        } else {
          ++p_;
        }
      } else if (c == '\'') {
        size_t e = s_.find('\'', p_ + 1);
        if (e == std::string_view::npos || e >= end_) {
          err("unterminated single quote");
          e = end_;
        }
        w.value.append(s_.substr(p_ + 1, e - p_ - 1));
        w.quoted = true;
        p_ = std::min(e + 1, end_);
      } else if (c == '"') {
        w.quoted = true;
        ++p_;
        bool closed = false;
        while (p_ < end_) {
          char d = s_[p_];
          if (d == '"') {
            ++p_;
            closed = true;
            break;
          }
          if (d == '\\' && p_ + 1 < end_) {
            char n = s_[p_ + 1];
            if (n == '$' || n == '`' || n == '"' || n == '\\') {
              w.value.push_back(n);
              p_ += 2;
              continue;
            }
            if (n == '\n') {
              p_ += 2;
              continue;
            }
          }
          if (d == '$') {
            dollar(w);
          } else if (d == '`') {
            backtick(w);
          } else {
            size_t q = p_ + 1;
            while (q < end_ && s_[q] != '"' && s_[q] != '\\' && s_[q] != '$' && s_[q] != '`') ++q;
            w.value.append(s_.substr(p_, q - p_));
            p_ = q;
          }
        }
        if (!closed) err("unterminated double quote");
      } else if (c == '$' && p_ + 1 < end_ && s_[p_ + 1] == '\'') {
        w.quoted = true;
        ansi_c(w);
      } else if (c == '$') {
        dollar(w);
      } else if (c == '`') {
        backtick(w);
      } else {
        // A run of plain characters goes in with one append.
        size_t q = p_ + 1;
        while (q < end_ && plain(s_[q])) ++q;
        w.value.append(s_.substr(p_, q - p_));
        p_ = q;
      }
    }
    w.end = p_;
    t.raw = s_.substr(w.begin, w.end - w.begin);
    t.begin = w.begin;
    t.end = w.end;
    return t;
  }
};

enum class Group { paren, brace, if_, loop, case_ };

struct Frame {
  Group kind;
  size_t first;  // index in Script::commands of its first command
};

class Parser {
 public:
  explicit Parser(Script& out) : out_(out) {}

  void parse(std::string_view s, size_t b, size_t e, int depth, int level = 0) {
    if (depth > kMaxDepth || level > kMaxDepth || out_.commands.size() >= kMaxCommands) return;
    s_ = s;
    std::vector<size_t> subs;
    Lexer lex(s, b, e, out_.errors, subs);
    std::vector<Token> toks = lex.run();
    std::vector<Sub> nested;
    const size_t first = out_.commands.size();
    for (size_t i = 0; i + 1 < subs.size(); i += 2) nested.push_back({subs[i], subs[i + 1], depth + 1});
    const size_t lexed = nested.size();
    run(toks, depth, nested);
    // A substitution is one level below the command that contains it.
    for (size_t i = 0; i < lexed; ++i) {
      auto beg = out_.commands.begin() + static_cast<long>(first);
      auto it = std::upper_bound(beg, out_.commands.end(), nested[i].begin,
                                 [](size_t off, const Command& c) { return off < c.begin; });
      if (it != beg && std::prev(it)->end >= nested[i].end) nested[i].depth = std::prev(it)->depth + 1;
    }
    for (const auto& n : nested) {
      Parser sub(out_);
      sub.parse(s, n.begin, n.end, n.depth, level + 1);
    }
  }

 private:
  Script& out_;
  std::string_view s_;  // the whole script
  std::vector<Frame> frames_;
  Command cur_;
  bool started_ = false;
  int base_ = 0;
  enum class Mode { normal, for_header, case_header, case_pattern } mode_ = Mode::normal;
  bool after_sep_ = false;  // for_header: a separator was seen

  bool empty_cmd() const { return cur_.argv.empty() && cur_.assignments.empty() && cur_.redirects.empty(); }

  void start(size_t begin) {
    if (!started_) {
      started_ = true;
      cur_.begin = begin;
      cur_.depth = base_ + static_cast<int>(frames_.size());
    }
  }

  void finish(Connector c, std::vector<Sub>& nested) {
    if (!started_) {
      // "( ... ) | x", "fi && y": the connector belongs to the last command.
      if (c != Connector::none && last_idx_ != npos && out_.commands[last_idx_].next == Connector::none)
        out_.commands[last_idx_].next = c;
      if (c == Connector::background && closed_from_ != npos)
        for (size_t i = closed_from_; i < out_.commands.size(); ++i) out_.commands[i].background = true;
      closed_from_ = npos;
      return;
    }
    cur_.next = c;
    cur_.background = c == Connector::background;
    // Heredoc bodies fed to a shell (or to no command) are scripts too.
    for (const auto& h : heredocs_) {
      size_t rp = real_program_index(cur_);
      std::string_view prog = rp < cur_.argv.size() ? basename(cur_.argv[rp].value) : std::string_view();
      if (prog.empty() || is_shell(prog)) nested.push_back({h.first, h.second, cur_.depth});
    }
    heredocs_.clear();
    shell_c(nested);
    if (out_.commands.size() < kMaxCommands) {
      out_.commands.push_back(std::move(cur_));
      last_idx_ = out_.commands.size() - 1;
    }
    cur_ = Command();
    started_ = false;
    closed_from_ = npos;
  }

  // "sh -c 'script'", "bash -euxc \"...\"": the script is parsed as nested
  // commands, offsets pointing inside the quoted word.
  void shell_c(std::vector<Sub>& nested) const {
    size_t rp = real_program_index(cur_);
    if (rp >= cur_.argv.size() || !is_shell(basename(cur_.argv[rp].value))) return;
    for (size_t i = rp + 1; i + 1 < cur_.argv.size(); ++i) {
      const std::string& a = cur_.argv[i].value;
      if (a.size() < 2 || a[0] != '-' || a[1] == '-') return;
      if (a == "-o") {  // -o pipefail
        ++i;
        continue;
      }
      if (a.find('c') == std::string::npos) continue;
      const Word& w = cur_.argv[i + 1];
      size_t b = w.begin, e = w.end;
      std::string_view raw = s_.substr(w.begin, w.end - w.begin);
      if (raw.size() >= 2 && (raw.front() == '\'' || raw.front() == '"') && raw.back() == raw.front()) {
        ++b;
        --e;
      }
      nested.push_back({b, e, cur_.depth + 1});
      return;
    }
  }

  static constexpr size_t npos = static_cast<size_t>(-1);
  size_t last_idx_ = npos;
  size_t closed_from_ = npos;
  std::vector<std::pair<size_t, size_t>> heredocs_;

  void push(Group g) { frames_.push_back({g, out_.commands.size()}); }
  void pop(std::initializer_list<Group> kinds) {
    for (size_t i = frames_.size(); i-- > 0;) {
      if (std::find(kinds.begin(), kinds.end(), frames_[i].kind) != kinds.end()) {
        closed_from_ = frames_[i].first;
        frames_.resize(i);
        return;
      }
    }
  }

  static Connector connector(std::string_view op) {
    if (op == "&&") return Connector::and_;
    if (op == "||") return Connector::or_;
    if (op == "|") return Connector::pipe;
    if (op == "&") return Connector::background;
    return Connector::seq;
  }

  void run(std::vector<Token>& toks, int depth, std::vector<Sub>& nested) {
    base_ = depth;
    frames_.clear();
    const size_t first_idx = out_.commands.size();
    for (size_t i = 0; i < toks.size(); ++i) {
      Token& t = toks[i];
      if (mode_ == Mode::for_header) {
        if (t.kind == Kind::newline || (t.kind == Kind::op && t.op == ";")) after_sep_ = true;
        else if (t.kind == Kind::word && t.raw == "do" && after_sep_) mode_ = Mode::normal;
        continue;
      }
      if (mode_ == Mode::case_header) {
        if (t.kind == Kind::word && t.raw == "in") mode_ = Mode::case_pattern;
        continue;
      }
      if (mode_ == Mode::case_pattern) {
        if (t.kind == Kind::word && t.raw == "esac") {
          pop({Group::case_});
          mode_ = Mode::normal;
        } else if (t.kind == Kind::op && t.op == ")") {
          mode_ = Mode::normal;
        }
        continue;
      }
      if (t.kind == Kind::newline) {
        finish(Connector::seq, nested);
        continue;
      }
      if (t.kind == Kind::op && t.heredoc) {
        start(t.begin);
        cur_.end = t.word.end ? t.word.end : t.end;
        cur_.redirects.push_back({std::string(t.op), std::move(t.word)});
        heredocs_.push_back({t.body_begin, t.body_end});
        continue;
      }
      if (t.kind == Kind::op && (t.op.find('<') != std::string::npos || t.op.find('>') != std::string::npos)) {
        Redirect r{std::string(t.op), {}};
        if (!started_ && closed_from_ != npos) {
          // "{ a; b; } > out": the redirection applies to the group's commands.
          if (i + 1 < toks.size() && toks[i + 1].kind == Kind::word) r.target = toks[++i].word;
          for (size_t k = closed_from_; k < out_.commands.size(); ++k) out_.commands[k].redirects.push_back(r);
          continue;
        }
        start(t.begin);
        cur_.end = t.end;
        if (i + 1 < toks.size() && toks[i + 1].kind == Kind::word) {
          std::string_view raw = toks[i + 1].raw;
          r.target = std::move(toks[++i].word);
          cur_.end = r.target.end;
          if (r.op.back() == '&' && !raw.empty() &&
              (raw == "-" || std::all_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; })))
            r.op += raw;
        }
        cur_.redirects.push_back(std::move(r));
        continue;
      }
      if (t.kind == Kind::op) {
        std::string_view op = t.op;
        if (op == "(" && !started_) {
          push(Group::paren);
        } else if (op == ")") {
          finish(Connector::none, nested);
          pop({Group::paren});
        } else if (op == ";;") {
          finish(Connector::seq, nested);
          mode_ = Mode::case_pattern;
        } else if (op == "!") {
          // negation: ignored
        } else if (op != "(") {
          finish(connector(op), nested);
        }
        continue;
      }
      // A word.
      Word& w = t.word;  // moved into the command below: tokens are not read again
      if (!started_ && !w.quoted && !w.has_expansion) {
        std::string_view k = t.raw;
        if (k == "if" || k == "while" || k == "until") {
          push(k == "if" ? Group::if_ : Group::loop);
          continue;
        }
        if (k == "then" || k == "else" || k == "elif" || k == "do" || k == "!") continue;
        if (k == "fi") {
          pop({Group::if_});
          continue;
        }
        if (k == "done") {
          pop({Group::loop});
          continue;
        }
        if (k == "{") {
          push(Group::brace);
          continue;
        }
        if (k == "}") {
          pop({Group::brace});
          continue;
        }
        if (k == "for" || k == "select") {
          push(Group::loop);
          mode_ = Mode::for_header;
          after_sep_ = false;
          continue;
        }
        if (k == "case") {
          push(Group::case_);
          mode_ = Mode::case_header;
          continue;
        }
        if (k == "esac") {
          pop({Group::case_});
          continue;
        }
      }
      start(w.begin);
      cur_.end = w.end;
      if (cur_.argv.empty()) {
        std::string_view raw = t.raw;
        size_t eq = raw.find('=');
        if (eq != std::string::npos && eq > 0 && name_start(raw[0]) &&
            std::all_of(raw.begin(), raw.begin() + static_cast<long>(eq), name_char)) {
          size_t veq = w.value.find('=');
          cur_.assignments.push_back(
              {std::string(raw.substr(0, eq)), veq == std::string::npos ? "" : w.value.substr(veq + 1)});
          continue;
        }
      }
      cur_.argv.push_back(std::move(w));
    }
    finish(Connector::none, nested);
    // A trailing newline or ';' does not connect to anything.
    if (last_idx_ != npos && last_idx_ >= first_idx && out_.commands[last_idx_].next == Connector::seq)
      out_.commands[last_idx_].next = Connector::none;
  }
};

}  // namespace

Script parse(std::string_view script) {
  Script out;
  out.text = script;
  Parser p(out);
  p.parse(out.text, 0, out.text.size(), 0);
  // Nested commands (substitutions, sh -c) are parsed after their parent:
  // sort only when there are any out of order.
  auto by_begin = [](const Command& a, const Command& b) { return a.begin < b.begin; };
  if (!std::is_sorted(out.commands.begin(), out.commands.end(), by_begin))
    std::stable_sort(out.commands.begin(), out.commands.end(), by_begin);
  return out;
}

std::string_view Command::program() const {
  if (argv.empty()) return {};
  return basename(argv[0].value);
}

bool Command::has_flag(std::string_view flag) const {
  if (flag.size() < 2 || flag[0] != '-') return false;
  bool long_flag = flag.size() > 2 && flag[1] == '-';
  bool short_letter = flag.size() == 2 && flag[1] != '-';
  for (size_t i = 1; i < argv.size(); ++i) {
    std::string_view a = argv[i].value;
    if (a == "--") break;
    if (a == flag) return true;
    if (long_flag || (flag.size() > 2 && flag[1] != '-')) {
      // --flag=value, -flag=value
      if (a.size() > flag.size() && a.substr(0, flag.size()) == flag && a[flag.size()] == '=') return true;
      continue;
    }
    if (short_letter && a.size() > 2 && a[0] == '-' && a[1] != '-') {
      std::string_view letters = a.substr(1);
      if (std::all_of(letters.begin(), letters.end(),
                      [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }) &&
          letters.find(flag[1]) != std::string_view::npos)
        return true;
    }
  }
  return false;
}

std::string_view Command::subcommand() const {
  for (size_t i = 1; i < argv.size(); ++i) {
    std::string_view a = argv[i].value;
    if (a.empty() || a[0] == '-') continue;
    return a;
  }
  return {};
}

size_t real_program_index(const Command& c) {
  // The one wrapper list: knowledge/programs.h.
  std::string_view small[16];
  std::vector<std::string_view> big;
  std::span<const std::string_view> v;
  if (c.argv.size() <= 16) {
    for (size_t i = 0; i < c.argv.size(); ++i) small[i] = c.argv[i].value;
    v = std::span<const std::string_view>(small, c.argv.size());
  } else {
    for (const auto& w : c.argv) big.push_back(w.value);
    v = big;
  }
  size_t i = dd::kb::real_program(v);
  return i < c.argv.size() ? i : 0;
}

bool duplicates_fd(std::string_view op, std::string_view target) {
  size_t amp = op.find('&');
  if (amp == std::string_view::npos || amp == 0) return false;  // &> and &>> write to a file
  if (op[amp - 1] != '>' && op[amp - 1] != '<') return false;
  if (target == "-"sv) return true;
  return !target.empty() && std::all_of(target.begin(), target.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace dd::shell
