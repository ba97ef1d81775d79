#include "render/json_writer.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace dd::render {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid.
size_t utf8_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
  if (c == 0xED && b(i + 1) > 0x9F) return 0;  // surrogate
  if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
  if (c == 0xF4 && b(i + 1) > 0x8F) return 0;  // above U+10FFFF
  return n;
}

// True when one of the 8 bytes of w is a control character, '"', '\\' or
// not ASCII: the bytes that cannot be copied as they are.
bool needs_attention(uint64_t w) {
  constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [&](uint64_t x) { return (x - ones) & ~x & highs; };
  uint64_t control = (w - ones * 0x20) & ~w;  // a byte below 0x20 (or one with the high bit: caught below)
  return ((control | w) & highs) || has_zero(w ^ (ones * '"')) || has_zero(w ^ (ones * '\\'));
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size();) {
    // Most text is plain ASCII: skip it 8 bytes at a time.
    while (i + 8 <= s.size()) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (needs_attention(w)) break;
      i += 8;
    }
    if (i >= s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      size_t n = utf8_length(s, i);
      if (n) {
        i += n;
        continue;
      }
    }
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
        }
    }
    ++i;
    run = i;
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void JsonWriter::newline() {
  if (indent_ <= 0) return;
  out_.push_back('\n');
  out_.append(static_cast<size_t>(depth_ * indent_), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;
  if (!first_) out_.push_back(',');
  first_ = false;
  newline();
}

void JsonWriter::open(char c) {
  before_value();
  out_.push_back(c);
  ++depth_;
  first_ = true;
}

void JsonWriter::close(char c) {
  --depth_;
  if (!first_) newline();
  out_.push_back(c);
  first_ = false;
}

void JsonWriter::key(std::string_view k) {
  // Keys are short plain words: the comma, the indentation, the quoted key
  // and the colon go out in one append.
  const size_t pad = indent_ > 0 ? static_cast<size_t>(depth_ * indent_) : 0;
  bool plain = k.size() <= 64 && pad <= 64 && !after_key_ && depth_ > 0 &&
               std::all_of(k.begin(), k.end(), [](char c) {
                 return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x80 && c != '"' &&
                        c != '\\';
               });
  if (plain) {
    char buf[160];
    size_t n = 0;
    if (!first_) buf[n++] = ',';
    first_ = false;
    if (indent_ > 0) {
      buf[n++] = '\n';
      std::memset(buf + n, ' ', pad);
      n += pad;
    }
    buf[n++] = '"';
    std::memcpy(buf + n, k.data(), k.size());
    n += k.size();
    buf[n++] = '"';
    buf[n++] = ':';
    if (indent_ > 0) buf[n++] = ' ';
    out_.append(buf, n);
    after_key_ = true;
    return;
  }
  before_value();
  append_json_string(out_, k);
  out_ += indent_ > 0 ? ": " : ":";
  after_key_ = true;
}

void JsonWriter::value(std::string_view s) {
  before_value();
  append_json_string(out_, s);
}

void JsonWriter::value(long long n) {
  before_value();
  out_ += std::to_string(n);
}

void JsonWriter::continued(std::string_view elements) {
  if (elements.empty()) return;
  if (first_ && elements.front() == ',') elements.remove_prefix(1);  // the first element has no comma
  out_.append(elements);
  first_ = false;
}

void JsonWriter::raw(std::string_view json) {
  before_value();
  // Re-indent every line after the first to the current depth.
  std::string pad = indent_ > 0 ? std::string(static_cast<size_t>(depth_ * indent_), ' ') : "";
  size_t start = 0;
  while (true) {
    size_t nl = json.find('\n', start);
    out_.append(json.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    out_.push_back('\n');
    out_ += pad;
    start = nl + 1;
  }
}

}  // namespace dd::render
