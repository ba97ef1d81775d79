#pragma once
// Variable references in a text: $NAME, ${NAME}, ${NAME:-default}.
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace dd::dockerfile::util {

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

}  // namespace dd::dockerfile::util

namespace dd::dockerfile::inc {

// A shell variable reference to `name` in `text` ($NAME, ${NAME}, ${NAME:-x}):
// offset of the '$', or npos.
inline size_t find_var(std::string_view text, std::string_view name) {
  size_t pos = 0;
  while ((pos = text.find('$', pos)) != std::string_view::npos) {
    size_t b = pos + 1;
    if (b < text.size() && text[b] == '{') ++b;
    if (text.substr(b, name.size()) == name) {
      size_t e = b + name.size();
      bool ident = e < text.size() && (std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '_');
      if (!ident) return pos;
    }
    ++pos;
  }
  return std::string_view::npos;
}

}  // namespace dd::dockerfile::inc
