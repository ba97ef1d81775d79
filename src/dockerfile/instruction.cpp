#include "dockerfile/instruction.h"

#include <algorithm>
#include <array>

namespace dd::dockerfile::detail {
namespace {

enum class FlagKind { string, strings, boolean };
struct FlagSpec {
  std::string_view keyword;
  std::string_view name;
  FlagKind kind;
};

constexpr std::array kFlags = {
    FlagSpec{"FROM", "platform", FlagKind::string},
    FlagSpec{"RUN", "mount", FlagKind::strings},
    FlagSpec{"RUN", "network", FlagKind::string},
    FlagSpec{"RUN", "security", FlagKind::string},
    FlagSpec{"COPY", "from", FlagKind::string},
    FlagSpec{"COPY", "chown", FlagKind::string},
    FlagSpec{"COPY", "chmod", FlagKind::string},
    FlagSpec{"COPY", "link", FlagKind::boolean},
    FlagSpec{"COPY", "parents", FlagKind::boolean},
    FlagSpec{"COPY", "exclude", FlagKind::strings},
    FlagSpec{"ADD", "chown", FlagKind::string},
    FlagSpec{"ADD", "chmod", FlagKind::string},
    FlagSpec{"ADD", "link", FlagKind::boolean},
    FlagSpec{"ADD", "parents", FlagKind::boolean},
    FlagSpec{"ADD", "exclude", FlagKind::strings},
    FlagSpec{"ADD", "checksum", FlagKind::string},
    FlagSpec{"ADD", "keep-git-dir", FlagKind::boolean},
    FlagSpec{"ADD", "unpack", FlagKind::boolean},
    FlagSpec{"HEALTHCHECK", "interval", FlagKind::string},
    FlagSpec{"HEALTHCHECK", "timeout", FlagKind::string},
    FlagSpec{"HEALTHCHECK", "start-period", FlagKind::string},
    FlagSpec{"HEALTHCHECK", "start-interval", FlagKind::string},
    FlagSpec{"HEALTHCHECK", "retries", FlagKind::string},
};

constexpr std::array<std::string_view, 18> kKeywords = {
    "FROM", "RUN",  "CMD",        "LABEL", "MAINTAINER", "EXPOSE", "ENV",         "ADD",        "COPY",
    "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"};

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

void error(std::vector<ParseError>& errors, std::string msg, Range r) {
  errors.push_back({std::move(msg), r});
}

struct FlagToken {
  size_t begin, end;
  std::string word;  // quotes removed, as BuildKit's extractBuilderFlags
};

// BuildKit extractBuilderFlags: leading words starting with "--". Returns the
// offset where the arguments start.
size_t extract_flags(std::string_view s, size_t pos, size_t end, std::vector<FlagToken>& out) {
  while (true) {
    while (pos < end && is_space(s[pos])) ++pos;
    if (pos >= end) return end;
    if (!(s[pos] == '-' && pos + 1 < end && s[pos + 1] == '-')) return pos;
    FlagToken t{pos, pos, {}};
    char quote = 0;
    size_t i = pos;
    while (i < end) {
      char c = s[i];
      if (quote) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\') {
          if (i + 1 < end) t.word.push_back(s[++i]);
        } else {
          t.word.push_back(c);
        }
        ++i;
        continue;
      }
      if (is_space(c)) break;
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\') {
        if (i + 1 < end) t.word.push_back(s[++i]);
      } else {
        t.word.push_back(c);
      }
      ++i;
    }
    t.end = i;
    if (t.word == "--") {  // "--" ends the flags
      pos = i;
      while (pos < end && is_space(s[pos])) ++pos;
      return pos;
    }
    out.push_back(std::move(t));
    pos = i;
  }
}

void check_flags(Instruction& ins, std::vector<ParseError>& errors) {
  std::vector<std::string> seen;
  for (const auto& f : ins.flags) {
    if (f.name.empty()) {
      error(errors, "bad flag syntax: flag has no name", f.range);
      continue;
    }
    const FlagSpec* spec = nullptr;
    for (const auto& s : kFlags)
      if (s.keyword == ins.keyword && s.name == f.name) spec = &s;
    if (!spec) {
      error(errors, "unknown flag: --" + f.name + " is not a flag of " + ins.keyword, f.range);
      continue;
    }
    if (spec->kind == FlagKind::boolean) {
      if (f.has_value && f.value != "true" && f.value != "false")
        error(errors, "expecting boolean value for flag --" + f.name + ", not: " + f.value, f.range);
    } else if (!f.has_value) {
      error(errors, "missing a value on flag: --" + f.name, f.range);
    }
    if (spec->kind != FlagKind::strings) {
      if (std::find(seen.begin(), seen.end(), f.name) != seen.end())
        error(errors, "duplicate flag specified: --" + f.name, f.range);
      seen.push_back(f.name);
    }
  }
}

void words_to_args(Instruction& ins, const std::vector<Span>& words) {
  ins.args.reserve(ins.args.size() + words.size());
  size_t hint = 0;  // words come in ascending order
  for (const auto& w : words)
    ins.args.push_back({ins.args_text.substr(w.begin, w.end - w.begin), ins.args_map.range(w.begin, w.end, hint)});
}

// RUN/CMD/ENTRYPOINT/SHELL/COPY/ADD/VOLUME: JSON array or shell form.
void maybe_json(Instruction& ins, char escape, bool plain_split, std::vector<ParseError>& errors) {
  std::vector<JsonItem> items;
  Json j = parse_json_array(ins.args_text, items);
  if (j == Json::ok) {
    ins.exec_form = true;
    for (auto& it : items) ins.args.push_back({std::move(it.value), ins.args_map.range(it.begin, it.end)});
    return;
  }
  if (j == Json::not_strings)
    error(errors, ins.keyword + " has a JSON array with non-string elements", ins.args_range);
  words_to_args(ins, plain_split ? split_whitespace(ins.args_text) : split_words(ins.args_text, escape));
}

KeyValue make_pair(const Instruction& ins, std::string_view word, size_t b, char escape, bool unquote_key) {
  KeyValue kv;
  size_t eq = word.find('=');
  std::string_view key = eq == std::string_view::npos ? word : word.substr(0, eq);
  kv.key = unquote_key ? unquote(key, escape) : std::string(key);
  kv.key_range = ins.args_map.range(b, b + key.size());
  if (eq != std::string_view::npos) {
    kv.has_value = true;
    kv.raw_value = std::string(word.substr(eq + 1));
    kv.value = unquote(kv.raw_value, escape);
    kv.value_range = ins.args_map.range(b + eq + 1, b + word.size());
  } else {
    Pos p = ins.args_map.at(b + word.size() - 1);
    p.column += 1;
    kv.value_range = {p, p};
  }
  return kv;
}

// ENV and LABEL: "k=v k2=v2" or the legacy "k v".
void name_values(Instruction& ins, char escape, std::vector<ParseError>& errors) {
  const std::string& t = ins.args_text;
  auto words = split_words(t, escape);
  words_to_args(ins, words);
  if (words.empty()) {
    error(errors, ins.keyword + " requires at least one argument", ins.keyword_range);
    return;
  }
  std::string_view first(t.data() + words[0].begin, words[0].end - words[0].begin);
  if (first.find('=') == std::string_view::npos) {
    auto parts = split_whitespace(t);
    if (parts.size() < 2) {
      error(errors, ins.keyword + " must have two arguments", ins.args_range);
      return;
    }
    KeyValue kv;
    kv.key = unquote(std::string_view(t).substr(parts[0].begin, parts[0].end - parts[0].begin), escape);
    kv.key_range = ins.args_map.range(parts[0].begin, parts[0].end);
    size_t vb = parts[1].begin;
    kv.raw_value = t.substr(vb);
    kv.value = unquote(kv.raw_value, escape);
    kv.has_value = true;
    kv.value_range = ins.args_map.range(vb, t.size());
    ins.pairs.push_back(std::move(kv));
    return;
  }
  for (const auto& w : words) {
    std::string_view word(t.data() + w.begin, w.end - w.begin);
    if (word.find('=') == std::string_view::npos) {
      error(errors, "syntax error - can't find = in \"" + std::string(word) + "\"; must be of the form name=value",
            ins.args_map.range(w.begin, w.end));
      continue;
    }
    ins.pairs.push_back(make_pair(ins, word, w.begin, escape, true));
  }
}

void parse_arg(Instruction& ins, char escape, std::vector<ParseError>& errors) {
  auto words = split_words(ins.args_text, escape);
  words_to_args(ins, words);
  if (words.empty()) error(errors, "ARG requires at least one argument", ins.keyword_range);
  for (const auto& w : words) {
    std::string_view word(ins.args_text.data() + w.begin, w.end - w.begin);
    KeyValue kv = make_pair(ins, word, w.begin, escape, false);
    if (kv.key.empty()) error(errors, "ARG names can not be blank", ins.args_map.range(w.begin, w.end));
    ins.pairs.push_back(std::move(kv));
  }
}

void parse_healthcheck(Instruction& ins, char escape, std::vector<ParseError>& errors) {
  const std::string& t = ins.args_text;
  size_t sep = 0;
  while (sep < t.size() && !is_space(t[sep])) ++sep;
  if (sep == 0) {
    error(errors, "HEALTHCHECK requires at least one argument", ins.keyword_range);
    return;
  }
  std::string type = upper(std::string_view(t).substr(0, sep));
  Range type_range = ins.args_map.range(0, sep);
  size_t next = sep;
  while (next < t.size() && is_space(t[next])) ++next;
  if (type == "NONE") {
    ins.subtype = type;
    ins.args.push_back({t.substr(0, sep), type_range});
    if (next < t.size()) error(errors, "HEALTHCHECK NONE takes no arguments", ins.args_map.range(next, t.size()));
    if (!ins.flags.empty()) error(errors, "HEALTHCHECK NONE takes no options", ins.flags.front().range);
    return;
  }
  if (type != "CMD") {
    error(errors, "unknown type " + t.substr(0, sep) + " in HEALTHCHECK (try CMD)", type_range);
    return;
  }
  ins.subtype = type;
  // Keep only the command: it is what runs.
  SourceMap m;
  Pos p = ins.args_map.at(next);
  Range cmd_range = ins.args_map.range(next, t.size());
  // Rebuild the map shifted by `next`.
  std::string cmd = t.substr(next);
  m.add(0, p);
  for (size_t i = next + 1; i < t.size(); ++i) {
    Pos q = ins.args_map.at(i);
    Pos prev = ins.args_map.at(i - 1);
    if (q.line != prev.line || q.column != prev.column + 1) m.add(i - next, q);
  }
  ins.args_text = std::move(cmd);
  ins.args_map = std::move(m);
  ins.args_range = cmd_range;
  if (ins.args_text.empty()) {
    error(errors, "HEALTHCHECK CMD requires a command", type_range);
    return;
  }
  maybe_json(ins, escape, false, errors);
}

void check_count(Instruction& ins, std::vector<ParseError>& errors) {
  const std::string& k = ins.keyword;
  size_t n = ins.args.size();
  if ((k == "COPY" || k == "ADD") && n < 2 && ins.heredocs.empty()) {
    error(errors, k + " requires at least two arguments: source and destination",
          n ? ins.args_range : ins.keyword_range);
  } else if ((k == "RUN" || k == "EXPOSE" || k == "VOLUME" || k == "ONBUILD" || k == "SHELL") && n == 0 &&
             !ins.exec_form) {
    error(errors, k + " requires at least one argument", ins.keyword_range);
  } else if ((k == "WORKDIR" || k == "USER" || k == "STOPSIGNAL" || k == "MAINTAINER") && n == 0) {
    error(errors, k + " requires exactly one argument", ins.keyword_range);
  }
}

}  // namespace

bool known_keyword(std::string_view up) {
  return std::find(kKeywords.begin(), kKeywords.end(), up) != kKeywords.end();
}

Kw keyword_kind(std::string_view up) {
  auto it = std::find(kKeywords.begin(), kKeywords.end(), up);
  return it == kKeywords.end() ? Kw::other : static_cast<Kw>(it - kKeywords.begin() + 1);
}

bool can_contain_heredoc(const Instruction& ins) {
  const Instruction* i = &ins;
  if (i->kind == Kw::ONBUILD && i->child) i = i->child.get();
  return (i->kind == Kw::RUN || i->kind == Kw::COPY || i->kind == Kw::ADD) && !i->exec_form;
}

void parse_instruction(Instruction& ins, const Joined& j, size_t begin, size_t end, char escape,
                       std::vector<ParseError>& errors, int depth) {
  const std::string& s = j.text;
  size_t k = begin;
  while (k < end && !is_space(s[k])) ++k;
  std::string_view word(s.data() + begin, k - begin);
  std::string up = upper(word);
  ins.kind = keyword_kind(up);
  ins.keyword = ins.kind != Kw::other ? up : std::string(word);
  ins.keyword_range = j.range(begin, k);
  if (!known_keyword(up)) {
    std::string shown(word.substr(0, 40));
    if (word.size() > 40) shown += "...";
    error(errors, "unknown instruction: " + shown, ins.keyword_range);
  }

  std::vector<FlagToken> flags;
  size_t args_begin = extract_flags(s, k, end, flags);
  for (auto& f : flags) {
    Flag fl;
    std::string_view w = f.word;
    w.remove_prefix(2);
    size_t eq = w.find('=');
    fl.name = std::string(w.substr(0, eq));
    if (eq != std::string_view::npos) {
      fl.has_value = true;
      fl.value = std::string(w.substr(eq + 1));
    }
    fl.range = j.range(f.begin, f.end);
    ins.flags.push_back(std::move(fl));
  }
  ins.args_text = s.substr(args_begin, end - args_begin);
  ins.args_map = j.map_from(args_begin);
  if (args_begin < end) {
    ins.args_range = j.range(args_begin, end);
  } else {
    Pos p = j.at(end - 1);
    p.column += 1;
    ins.args_range = {p, p};
  }
  if (known_keyword(up)) check_flags(ins, errors);

  const std::string& kw = ins.keyword;
  if (kw == "RUN" || kw == "CMD" || kw == "ENTRYPOINT" || kw == "SHELL") {
    maybe_json(ins, escape, false, errors);
    if (kw == "SHELL" && !ins.exec_form && !ins.args_text.empty())
      error(errors, "SHELL requires the arguments to be in JSON form", ins.args_range);
  } else if (kw == "COPY" || kw == "ADD" || kw == "VOLUME") {
    maybe_json(ins, escape, true, errors);
  } else if (kw == "FROM" || kw == "EXPOSE") {
    words_to_args(ins, split_whitespace(ins.args_text));
  } else if (kw == "ENV" || kw == "LABEL") {
    name_values(ins, escape, errors);
  } else if (kw == "ARG") {
    parse_arg(ins, escape, errors);
  } else if (kw == "HEALTHCHECK") {
    parse_healthcheck(ins, escape, errors);
  } else if (kw == "ONBUILD") {
    words_to_args(ins, split_words(ins.args_text, escape));
    if (args_begin < end && depth < 2) {
      ins.child = std::make_unique<Instruction>();
      parse_instruction(*ins.child, j, args_begin, end, escape, errors, depth + 1);
      const std::string& ck = ins.child->keyword;
      if (ck == "ONBUILD" || ck == "FROM" || ck == "MAINTAINER")
        error(errors, ck + " isn't allowed as an ONBUILD trigger", ins.child->keyword_range);
    }
  } else {
    words_to_args(ins, split_words(ins.args_text, escape));
  }
  if (kw != "FROM" && kw != "ENV" && kw != "LABEL" && kw != "ARG" && kw != "HEALTHCHECK") check_count(ins, errors);
}

}  // namespace dd::dockerfile::detail
