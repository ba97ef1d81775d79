#include "dockerfile/parse_util.h"

#include <cstdint>
#include <cstring>

#include <algorithm>

namespace dd::dockerfile::detail {

void Joined::append(std::string_view s, Pos pos) {
  if (s.empty()) return;
  segs.push_back({text.size(), pos});
  text.append(s);
}

Pos Joined::at(size_t offset) const {
  if (segs.empty()) return {};
  auto it = std::upper_bound(segs.begin(), segs.end(), offset,
                             [](size_t off, const std::pair<size_t, Pos>& s) { return off < s.first; });
  if (it == segs.begin()) return segs.front().second;
  --it;
  return {it->second.line, it->second.column + static_cast<int>(offset - it->first)};
}

Range Joined::range(size_t begin, size_t end) const {
  if (end <= begin) {
    Pos p = at(begin);
    return {p, p};
  }
  Range r{at(begin), at(end - 1)};
  r.end.column += 1;
  return r;
}

SourceMap Joined::map_from(size_t base) const {
  SourceMap m;
  if (segs.empty()) return m;
  m.add(0, at(base));
  for (const auto& [off, pos] : segs)
    if (off > base) m.add(off - base, pos);
  return m;
}

namespace {
// Characters that end a run of ordinary word characters in split_words.
struct WordStops {
  bool stop[256] = {};
  explicit WordStops(char escape) {
    for (unsigned char c : {' ', '\t', '\r', '\n', '\v', '\f', '\'', '"'}) stop[c] = true;
    stop[static_cast<unsigned char>(escape)] = true;
  }
};
const WordStops kBackslashStops('\\');
const WordStops kBacktickStops('`');
}  // namespace

std::vector<Span> split_words(std::string_view s, char escape) {
  std::vector<Span> out;
  out.reserve(s.size() / 6 + 1);
  const WordStops local(escape);
  const bool* stop = escape == '\\' ? kBackslashStops.stop : escape == '`' ? kBacktickStops.stop : local.stop;
  size_t i = 0;
  const size_t n = s.size();
  const auto* d = reinterpret_cast<const unsigned char*>(s.data());
  while (i < n) {
    while (i < n && is_space(s[i])) ++i;
    if (i >= n) break;
    size_t begin = i;
    char quote = 0;
    while (i < n) {
      if (!quote) {
        while (i < n && !stop[d[i]]) ++i;  // ordinary characters
        if (i >= n) break;
      }
      char c = s[i];
      if (quote) {
        if (c == quote) {
          quote = 0;
        } else if (c == escape && quote != '\'' && i + 1 < n) {
          ++i;
        }
        ++i;
        continue;
      }
      if (is_space(c)) break;
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == escape && i + 1 < n) {
        ++i;
      }
      ++i;
    }
    out.push_back({begin, i});
  }
  return out;
}

std::vector<Span> split_whitespace(std::string_view s) {
  std::vector<Span> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size()) break;
    size_t b = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    out.push_back({b, i});
  }
  return out;
}

namespace {

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}
  size_t pos = 0;

  void ws() {
    while (pos < s_.size() && (s_[pos] == ' ' || s_[pos] == '\t' || s_[pos] == '\n' || s_[pos] == '\r')) ++pos;
  }
  bool eof() const { return pos >= s_.size(); }
  char peek() const { return eof() ? '\0' : s_[pos]; }

  // Reads a string token at pos (which is '"'); false when malformed.
  bool string(std::string& out) {
    ++pos;
    while (pos < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[pos]);
      if (c == '"') {
        ++pos;
        return true;
      }
      if (c < 0x20) return false;
      if (c != '\\') {
        out.push_back(static_cast<char>(c));
        ++pos;
        continue;
      }
      if (pos + 1 >= s_.size()) return false;
      char e = s_[pos + 1];
      pos += 2;
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && pos + 6 <= s_.size() && s_[pos] == '\\' && s_[pos + 1] == 'u') {
            size_t save = pos;
            pos += 2;
            unsigned lo = 0;
            if (hex4(lo) && lo >= 0xDC00 && lo < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              pos = save;
              cp = 0xFFFD;
            }
          } else if (cp >= 0xD800 && cp < 0xE000) {
            cp = 0xFFFD;
          }
          utf8(cp, out);
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  // Skips any JSON value; false when malformed.
  bool value(int depth) {
    if (depth > 200) return false;
    ws();
    char c = peek();
    if (c == '"') {
      std::string tmp;
      return string(tmp);
    }
    if (c == '[' || c == '{') {
      char close = c == '[' ? ']' : '}';
      ++pos;
      ws();
      if (peek() == close) {
        ++pos;
        return true;
      }
      while (true) {
        ws();
        if (close == '}') {
          if (peek() != '"') return false;
          std::string k;
          if (!string(k)) return false;
          ws();
          if (peek() != ':') return false;
          ++pos;
        }
        if (!value(depth + 1)) return false;
        ws();
        if (peek() == ',') {
          ++pos;
          continue;
        }
        if (peek() == close) {
          ++pos;
          return true;
        }
        return false;
      }
    }
    if (c == 't') return literal("true");
    if (c == 'f') return literal("false");
    if (c == 'n') return literal("null");
    return number();
  }

 private:
  std::string_view s_;

  bool literal(std::string_view w) {
    if (s_.substr(pos, w.size()) != w) return false;
    pos += w.size();
    return true;
  }
  bool digits() {
    size_t b = pos;
    while (pos < s_.size() && s_[pos] >= '0' && s_[pos] <= '9') ++pos;
    return pos > b;
  }
  bool number() {
    if (peek() == '-') ++pos;
    if (peek() == '0') {
      ++pos;
    } else if (!digits()) {
      return false;
    }
    if (peek() == '.') {
      ++pos;
      if (!digits()) return false;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos;
      if (peek() == '+' || peek() == '-') ++pos;
      if (!digits()) return false;
    }
    return true;
  }
  bool hex4(unsigned& cp) {
    if (pos + 4 > s_.size()) return false;
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      char h = s_[pos++];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') cp |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') cp |= static_cast<unsigned>(h - 'A' + 10);
      else return false;
    }
    return true;
  }
  static void utf8(unsigned cp, std::string& out) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
};

}  // namespace

Json parse_json_array(std::string_view s, std::vector<JsonItem>& out) {
  out.clear();
  JsonReader r(s);
  while (r.pos < s.size() && is_space(s[r.pos])) ++r.pos;
  if (r.peek() != '[') return Json::not_json;
  ++r.pos;
  bool strings = true;
  r.ws();
  if (r.peek() == ']') {
    ++r.pos;
  } else {
    while (true) {
      r.ws();
      if (r.peek() == '"') {
        JsonItem item;
        item.begin = r.pos;
        if (!r.string(item.value)) return Json::not_json;
        item.end = r.pos;
        out.push_back(std::move(item));
      } else {
        if (!r.value(1)) return Json::not_json;
        strings = false;
      }
      r.ws();
      if (r.peek() == ',') {
        ++r.pos;
        continue;
      }
      if (r.peek() == ']') {
        ++r.pos;
        break;
      }
      return Json::not_json;
    }
  }
  r.ws();
  if (!r.eof()) return Json::not_json;
  if (!strings) {
    out.clear();
    return Json::not_strings;
  }
  return Json::ok;
}

std::string unquote(std::string_view w, char escape) {
  std::string out;
  out.reserve(w.size());
  size_t i = 0;
  while (i < w.size()) {
    char c = w[i];
    if (c == '\'') {
      size_t j = w.find('\'', i + 1);
      if (j == std::string_view::npos) j = w.size();
      out.append(w.substr(i + 1, j - i - 1));
      i = j + 1;
      continue;
    }
    if (c == '"') {
      ++i;
      while (i < w.size() && w[i] != '"') {
        if (w[i] == escape && i + 1 < w.size()) {
          char n = w[i + 1];
          if (n == '"' || n == escape) {
            out.push_back(n);
            i += 2;
            continue;
          }
          if (n == '$') {  // keep the escape so a later expansion sees a literal $
            out.push_back(escape);
            out.push_back('$');
            i += 2;
            continue;
          }
        }
        out.push_back(w[i++]);
      }
      ++i;
      continue;
    }
    if (c == escape) {
      if (i + 1 >= w.size()) break;
      if (w[i + 1] == '$') out.push_back(escape);
      out.push_back(w[i + 1]);
      i += 2;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Eight ASCII bytes at a time: no high bit set and no zero byte.
    while (i + 8 <= s.size()) {
      uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      constexpr uint64_t kLow = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
      if ((v & kHigh) || ((v - kLow) & ~v & kHigh)) break;
      i += 8;
    }
    if (i >= s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    int n = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    for (size_t k = 1; k <= static_cast<size_t>(n); ++k) {
      if (i + k >= s.size()) return false;
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp < 0xE000))
      return false;
    i += static_cast<size_t>(n) + 1;
  }
  return true;
}

}  // namespace dd::dockerfile::detail
