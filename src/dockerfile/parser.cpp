#include "dockerfile/parser.h"
#include "core/text.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "dockerfile/expand.h"
#include "dockerfile/instruction.h"
#include "dockerfile/parse_util.h"

namespace dd::dockerfile {
namespace {

using detail::is_space;
using detail::Joined;
using detail::Span;

constexpr size_t kMaxBytes = 4u << 20;  // larger input is cut here, with an error
constexpr size_t kMaxErrors = 1000;
constexpr int kMaxBinaryErrors = 20;

using dd::text::lower;

bool is_comment(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && is_space(line[i])) ++i;
  return i < line.size() && line[i] == '#';
}

bool blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return is_space(c); });
}

// Strips "<escape>[ \t]*" at the end of the line; true when it was there.
bool trim_continuation(std::string_view& line, char escape) {
  size_t e = line.size();
  while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
  if (e > 0 && line[e - 1] == escape) {
    line = line.substr(0, e - 1);
    return true;
  }
  return false;
}

bool valid_stage_name(std::string_view n) {
  if (n.empty() || !(n[0] >= 'a' && n[0] <= 'z')) return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

class Parser {
 public:
  Parser(std::string_view text, Dockerfile& df, const BuildArgs* build_args)
      : df_(df), build_args_(build_args) {
    split(text);
  }

  void run() {
    size_t i = 0;
    while (i < df_.lines.size()) i = logical_line(i);
    if (df_.errors.size() > kMaxErrors) df_.errors.resize(kMaxErrors);
  }

 private:
  Dockerfile& df_;
  const BuildArgs* build_args_;
  std::vector<int> offset_;  // bytes skipped at the start of each line (BOM)
  std::vector<bool> bad_;
  bool directives_done_ = false;
  std::vector<std::string> seen_directives_;
  Vars globals_;
  // Heredoc terminator lookup: line content -> line indices (ascending).
  std::unordered_map<std::string_view, std::vector<size_t>> by_text_;
  std::unordered_map<std::string, std::vector<size_t>> by_trimmed_;
  bool indexed_ = false;

  void error(std::string msg, Range r) {
    if (df_.errors.size() <= kMaxErrors) df_.errors.push_back({std::move(msg), r});
  }

  void split(std::string_view text) {
    if (text.size() > kMaxBytes) {
      size_t cut = text.rfind('\n', kMaxBytes);
      text = text.substr(0, cut == std::string_view::npos ? kMaxBytes : cut + 1);
      int line = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;  // first line left out
      error("file too large: only the first " + std::to_string(text.size()) + " bytes were parsed",
            {{line, 1}, {line, 1}});
    }
    int binary_reported = 0;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      size_t e = nl == std::string_view::npos ? text.size() : nl;
      std::string_view l = text.substr(pos, e - pos);
      while (!l.empty() && (l.back() == '\r' || l.back() == '\n')) l.remove_suffix(1);
      int skip = 0;
      if (df_.lines.empty() && l.substr(0, 3) == "\xEF\xBB\xBF") {
        l.remove_prefix(3);
        skip = 3;
      }
      bool bad = !detail::valid_utf8(l);
      if (bad) {
        int n = static_cast<int>(df_.lines.size()) + 1;
        if (binary_reported < kMaxBinaryErrors)
          error("binary content (NUL byte or invalid UTF-8) on line " + std::to_string(n) + "; the line is ignored",
                {{n, 1}, {n, static_cast<int>(l.size()) + 1 + skip}});
        else if (binary_reported == kMaxBinaryErrors)
          error("more binary lines follow; they are ignored and not reported", {{n, 1}, {n, 1}});
        ++binary_reported;
      }
      df_.lines.push_back(bad ? std::string() : std::string(l));
      offset_.push_back(skip);
      bad_.push_back(bad);
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
  }

  Pos pos_of(size_t line_index, size_t col0) const {
    return {static_cast<int>(line_index) + 1, static_cast<int>(col0) + 1 + offset_[line_index]};
  }

  void directive(std::string_view line, size_t li) {
    if (directives_done_) return;
    // ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$
    size_t i = 0;
    auto done = [&] { directives_done_ = true; };
    if (line.empty() || line[0] != '#') return done();
    ++i;
    while (i < line.size() && is_space(line[i])) ++i;
    size_t nb = i;
    if (i >= line.size() || !std::isalpha(static_cast<unsigned char>(line[i]))) return done();
    while (i < line.size() && std::isalnum(static_cast<unsigned char>(line[i]))) ++i;
    std::string name = lower(line.substr(nb, i - nb));
    while (i < line.size() && is_space(line[i])) ++i;
    if (i >= line.size() || line[i] != '=') return done();
    ++i;
    while (i < line.size() && is_space(line[i])) ++i;
    size_t ve = line.size();
    while (ve > i && is_space(line[ve - 1])) --ve;
    if (ve <= i) return done();
    if (name != "syntax" && name != "escape" && name != "check") return done();
    Range r{pos_of(li, 0), pos_of(li, line.size())};
    if (std::find(seen_directives_.begin(), seen_directives_.end(), name) != seen_directives_.end()) {
      error("only one " + name + " parser directive can be used", r);
      return;
    }
    seen_directives_.push_back(name);
    std::string value(line.substr(i, ve - i));
    if (name == "escape") {
      if (value == "`" || value == "\\")
        df_.escape = value[0];
      else
        error("invalid escape token '" + value + "' does not match ` or \\", r);
    }
    df_.directives.push_back({name, value, r});
  }

  void comment(std::string_view raw, size_t li) {
    size_t i = 0;
    while (i < raw.size() && is_space(raw[i])) ++i;
    std::string_view t = raw.substr(i + 1);
    while (!t.empty() && is_space(t.front())) t.remove_prefix(1);
    while (!t.empty() && is_space(t.back())) t.remove_suffix(1);
    df_.comments.push_back({std::string(t), static_cast<int>(li) + 1});
  }

  // Processes the logical line starting at line index `i`; returns the index
  // of the next unread line.
  size_t logical_line(size_t i) {
    const char esc = df_.escape;
    std::string_view raw = df_.lines[i];
    size_t lead = 0;
    while (lead < raw.size() && is_space(raw[lead])) ++lead;
    std::string_view token = raw.substr(lead);
    size_t dir_count = df_.directives.size();
    directive(token, i);
    bool was_directive = df_.directives.size() != dir_count;
    if (is_comment(raw)) {
      if (!was_directive) comment(raw, i);
      token = {};
    }
    size_t first = i++;
    bool cont = trim_continuation(token, df_.escape);
    if (!cont && token.empty()) return i;
    Joined j;
    j.append(token, pos_of(first, lead));
    size_t last = first;
    while (cont && i < df_.lines.size()) {
      std::string_view l = df_.lines[i];
      directive(l, i);
      size_t li = i++;
      if (is_comment(l)) {
        comment(l, li);
        continue;
      }
      if (blank(l)) continue;
      cont = trim_continuation(l, df_.escape);
      j.append(l, pos_of(li, 0));
      last = li;
    }
    size_t b = 0, e = j.text.size();
    while (b < e && is_space(j.text[b])) ++b;
    while (e > b && is_space(j.text[e - 1])) --e;
    if (b == e) return i;

    Instruction ins;
    detail::parse_instruction(ins, j, b, e, esc, df_.errors);
    ins.index = df_.instructions.size();
    ins.range = {j.at(b), pos_of(last, df_.lines[last].size())};
    if (ins.child) {
      ins.child->index = ins.index;
      ins.child->range = {ins.child->keyword_range.begin, ins.range.end};
    }
    if (detail::can_contain_heredoc(ins) && j.text.find("<<") != std::string::npos) {
      Instruction& target = ins.child ? *ins.child : ins;
      i = heredocs(target, j, i);
      if (!target.heredocs.empty()) {
        ins.range.end = pos_of(i - 1, df_.lines[i - 1].size());
        if (ins.child) ins.child->range.end = ins.range.end;
      }
    }
    place(ins);
    df_.instructions.push_back(std::move(ins));
    return i;
  }

  void index_lines() {
    if (indexed_) return;
    indexed_ = true;
    for (size_t k = 0; k < df_.lines.size(); ++k) {
      std::string_view l = df_.lines[k];
      by_text_[l].push_back(k);
      size_t t = 0;
      while (t < l.size() && l[t] == '\t') ++t;
      if (t > 0) by_trimmed_[std::string(l.substr(t))].push_back(k);
    }
  }

  // First line index >= from whose content (tabs trimmed when chomp) is name.
  size_t find_terminator(const std::string& name, bool chomp, size_t from) {
    index_lines();
    size_t best = df_.lines.size();
    auto look = [&](const std::vector<size_t>& v) {
      auto it = std::lower_bound(v.begin(), v.end(), from);
      if (it != v.end()) best = std::min(best, *it);
    };
    if (auto it = by_text_.find(name); it != by_text_.end()) look(it->second);
    if (chomp)
      if (auto it = by_trimmed_.find(name); it != by_trimmed_.end()) look(it->second);
    return best;
  }

  // Reads the bodies of the heredocs named on the line; returns the next line.
  size_t heredocs(Instruction& ins, const Joined& j, size_t i) {
    for (const Span& w : detail::split_words(j.text, '\\')) {
      std::string_view word(j.text.data() + w.begin, w.end - w.begin);
      size_t k = 0;
      while (k < word.size() && word[k] >= '0' && word[k] <= '9') ++k;
      if (word.substr(k, 2) != "<<") continue;
      k += 2;
      bool chomp = k < word.size() && word[k] == '-';
      if (chomp) ++k;
      std::string_view rest = word.substr(k);
      if (rest.empty() || rest.find('<') != std::string_view::npos) continue;
      Heredoc h;
      h.name = detail::unquote(rest, '\\');
      if (h.name.empty()) continue;
      h.strip_tabs = chomp;
      h.quoted = rest.find_first_of("'\"") != std::string_view::npos;
      size_t term = find_terminator(h.name, chomp, i);
      if (term >= df_.lines.size()) {
        error("unterminated heredoc: no line \"" + h.name + "\" closes " + std::string(word),
              j.range(w.begin, w.end));
        return i;
      }
      for (size_t li = i; li < term; ++li) {
        std::string_view l = df_.lines[li];
        size_t strip = 0;
        if (chomp)
          while (strip < l.size() && l[strip] == '\t') ++strip;
        h.body_map.add(h.body.size(), pos_of(li, strip));
        h.body.append(l.substr(strip));
        h.body.push_back('\n');
      }
      h.range = {pos_of(i < term ? i : term, 0), pos_of(term, df_.lines[term].size())};
      ins.heredocs.push_back(std::move(h));
      i = term + 1;
    }
    return i;
  }

  // Stage bookkeeping and the errors that depend on position in the file.
  void place(Instruction& ins) {
    if (ins.kind == Kw::FROM) {
      from(ins);
      return;
    }
    ins.stage = static_cast<int>(df_.stages.size()) - 1;
    if (ins.child) ins.child->stage = ins.stage;
    if (ins.stage < 0) {
      if (ins.kind == Kw::ARG) {
        df_.global_args.push_back(ins.index);
        for (const auto& kv : ins.pairs) {
          // A --build-arg replaces the default of a declared ARG, unexpanded.
          auto given = build_args_ ? build_args_->find(kv.key) : BuildArgs::const_iterator();
          if (build_args_ && given != build_args_->end())
            globals_[kv.key] = given->second;
          else if (kv.has_value)
            globals_[kv.key] = expand(kv.raw_value, globals_, df_.escape).value;
        }
      } else if (detail::known_keyword(ins.keyword)) {
        error(ins.keyword + " before the first FROM: only ARG may come before FROM", ins.keyword_range);
      }
      return;
    }
    df_.stages.back().instructions.push_back(ins.index);
  }

  void from(Instruction& ins) {
    Stage st;
    st.index = static_cast<int>(df_.stages.size());
    st.from_index = ins.index;
    st.instructions.push_back(ins.index);
    ins.stage = st.index;
    if (const Flag* p = ins.flag("platform")) st.platform = p->value;
    const auto& a = ins.args;
    if (a.empty()) {
      error("FROM requires an image name", ins.keyword_range);
    } else if (a.size() != 1 && !(a.size() == 3 && lower(a[1].text) == "as")) {
      error("FROM requires either one or three arguments: FROM image [AS name]", ins.args_range);
    }
    if (!a.empty()) {
      st.base = a[0].text;
      st.base_range = a[0].range;
      st.base_expanded = expand(st.base, globals_, df_.escape).value;
    }
    if (a.size() == 3 && lower(a[1].text) == "as") {
      st.name = lower(a[2].text);
      st.name_range = a[2].range;
      if (!valid_stage_name(st.name))
        error("invalid name for build stage: \"" + a[2].text + "\", name can't start with a number or contain symbols",
              a[2].range);
      for (const auto& prev : df_.stages)
        if (!st.name.empty() && prev.name == st.name) error("duplicate stage name \"" + st.name + "\"", a[2].range);
    }
    if (!st.base_expanded.empty()) {
      if (const Stage* b = df_.stage_named(lower(st.base_expanded))) st.base_stage = b->index;
    }
    df_.stages.push_back(std::move(st));
  }
};

}  // namespace

Dockerfile parse(std::string_view text, std::string path, const BuildArgs* build_args) {
  Dockerfile df;
  df.path = std::move(path);
  Parser p(text, df, build_args);
  p.run();
  return df;
}

}  // namespace dd::dockerfile
