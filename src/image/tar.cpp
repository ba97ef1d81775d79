#include "image/tar.h"

#include <algorithm>
#include <cstring>

namespace dd::image {
namespace {

constexpr size_t kMetaMax = 1 << 20;

uint64_t octal(const char* p, size_t n, bool* ok) {
  // GNU base-256: high bit of the first byte.
  if (n && (static_cast<unsigned char>(p[0]) & 0x80)) {
    uint64_t v = static_cast<unsigned char>(p[0]) & 0x7f;
    for (size_t i = 1; i < n; ++i) {
      if (v >> 56) {
        *ok = false;
        return 0;
      }
      v = (v << 8) | static_cast<unsigned char>(p[i]);
    }
    return v;
  }
  size_t i = 0;
  while (i < n && (p[i] == ' ' || p[i] == '\0')) {
    if (p[i] == '\0') return 0;
    ++i;
  }
  uint64_t v = 0;
  for (; i < n && p[i] >= '0' && p[i] <= '7'; ++i) {
    if (v >> 60) {
      *ok = false;
      return 0;
    }
    v = v * 8 + uint64_t(p[i] - '0');
  }
  for (; i < n; ++i)
    if (p[i] != ' ' && p[i] != '\0') *ok = false;
  return v;
}

std::string field(const char* p, size_t n) { return std::string(p, strnlen(p, n)); }

uint64_t parse_u64(const std::string& s, bool* ok) {
  if (s.empty() || s.size() > 19) {
    *ok = false;
    return 0;
  }
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') {
      *ok = false;
      return 0;
    }
    v = v * 10 + uint64_t(c - '0');
  }
  return v;
}

}  // namespace

std::map<std::string, std::string> parse_pax(std::string_view s) {
  std::map<std::string, std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t sp = s.find(' ', i);
    if (sp == std::string_view::npos) break;
    size_t len = 0;
    bool digits = sp > i;
    for (size_t k = i; k < sp; ++k) {
      if (s[k] < '0' || s[k] > '9' || len > s.size()) {
        digits = false;
        break;
      }
      len = len * 10 + size_t(s[k] - '0');
    }
    if (!digits || len <= sp - i + 1 || i + len > s.size()) throw TarError("malformed PAX record");
    std::string_view rec = s.substr(sp + 1, i + len - sp - 1);
    if (!rec.empty() && rec.back() == '\n') rec.remove_suffix(1);
    size_t eq = rec.find('=');
    if (eq != std::string_view::npos) out[std::string(rec.substr(0, eq))] = std::string(rec.substr(eq + 1));
    i += len;
  }
  return out;
}

uint64_t TarParser::skippable() const {
  if (state_ == State::data && !want_) return left_ + pad_;
  if (state_ == State::pad) return pad_;
  return 0;
}

void TarParser::skip(uint64_t n) {
  pos_ += n;
  if (state_ == State::data) {
    uint64_t d = std::min(n, left_);
    left_ -= d;
    n -= d;
    if (left_ == 0) {
      state_ = State::pad;
    }
  }
  if (state_ == State::pad) {
    pad_ -= std::min(n, pad_);
    if (pad_ == 0) state_ = State::header;
  }
}

void TarParser::feed(std::span<const char> in) {
  const char* p = in.data();
  size_t n = in.size();
  while (n > 0) {
    switch (state_) {
      case State::done:
        pos_ += n;
        return;
      case State::header: {
        size_t take = std::min(n, 512 - have_);
        std::memcpy(blk_ + have_, p, take);
        have_ += take, p += take, n -= take, pos_ += take;
        if (have_ == 512) {
          have_ = 0;
          header(blk_);
        }
        break;
      }
      case State::data: {
        size_t take = size_t(std::min<uint64_t>(n, left_));
        if (want_ && take && !h_.data({p, take})) want_ = false;
        p += take, n -= take, pos_ += take, left_ -= take;
        if (left_ == 0) {
          h_.entry_end();
          state_ = pad_ ? State::pad : State::header;
        }
        break;
      }
      case State::pad: {
        size_t take = size_t(std::min<uint64_t>(n, pad_));
        p += take, n -= take, pos_ += take, pad_ -= take;
        if (pad_ == 0) state_ = State::header;
        break;
      }
      case State::meta: {
        size_t take = size_t(std::min<uint64_t>(n, left_));
        meta_.append(p, take);
        p += take, n -= take, pos_ += take, left_ -= take;
        if (left_ == 0) finish_meta();
        break;
      }
    }
  }
}

void TarParser::finish_meta() {
  std::string& m = meta_;
  switch (meta_type_) {
    case 'L': long_name_ = field(m.data(), m.size()); break;
    case 'K': long_link_ = field(m.data(), m.size()); break;
    case 'x':
      for (auto& [k, v] : parse_pax(m)) pax_[k] = v;
      break;
    case 'g':
      for (auto& [k, v] : parse_pax(m)) global_[k] = v;
      break;
  }
  meta_.clear();
  state_ = pad_ ? State::pad : State::header;
}

bool header_checksum_ok(const char* b) {
  // The sum of the header bytes, the checksum field taken as spaces.
  bool ok = true;
  uint64_t want = octal(b + 148, 8, &ok);
  uint64_t sum = 0;
  for (int i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(b[i]);
  return ok && want == sum;
}

void TarParser::header(const char* b) {
  const uint64_t hdr_off = pos_ - 512;
  bool zero = std::all_of(b, b + 512, [](char c) { return c == 0; });
  if (zero) {
    if (++zero_blocks_ >= 2) {
      ended_ = true;
      state_ = State::done;
    }
    return;
  }
  zero_blocks_ = 0;
  bool ok = true;
  if (!header_checksum_ok(b)) throw TarError("bad tar header checksum at offset " + std::to_string(hdr_off));
  char type = b[156] ? b[156] : '0';
  uint64_t size = octal(b + 124, 12, &ok);
  if (!ok) throw TarError("bad tar header size at offset " + std::to_string(hdr_off));
  pad_ = (512 - size % 512) % 512;
  if (type == 'L' || type == 'K' || type == 'x' || type == 'g') {
    if (size > kMetaMax) throw TarError("tar metadata record of " + std::to_string(size) + " bytes at offset " + std::to_string(hdr_off));
    meta_type_ = type;
    meta_.clear();
    left_ = size;
    state_ = State::meta;
    if (size == 0) finish_meta();
    return;
  }
  TarEntry& e = cur_;
  e = TarEntry{};
  e.type = type;
  e.header_offset = hdr_off;
  e.data_offset = pos_;
  std::string name = field(b, 100);
  bool ustar = std::memcmp(b + 257, "ustar", 5) == 0;
  if (ustar && std::memcmp(b + 257, "ustar  ", 8) != 0) {  // POSIX ustar: prefix field
    std::string prefix = field(b + 345, 155);
    if (!prefix.empty()) name = prefix + "/" + name;
  }
  e.name = name;
  e.linkname = field(b + 157, 100);
  e.mode = uint32_t(octal(b + 100, 8, &ok) & 07777);
  e.uid = uint32_t(octal(b + 108, 8, &ok));
  e.gid = uint32_t(octal(b + 116, 8, &ok));
  e.mtime = int64_t(octal(b + 136, 12, &ok));
  e.size = size;
  e.real_size = size;
  if (type == 'S') e.real_size = octal(b + 483, 12, &ok);  // GNU old sparse: realsize
  ok = true;  // mode/uid/gid junk is not fatal
  auto apply = [&](const std::map<std::string, std::string>& kv) {
    for (auto& [k, v] : kv) {
      bool good = true;
      if (k == "path") e.name = v;
      else if (k == "linkpath") e.linkname = v;
      else if (k == "size") {
        uint64_t s = parse_u64(v, &good);
        if (good) e.size = e.real_size = s;
      } else if (k == "uid") {
        uint64_t s = parse_u64(v, &good);
        if (good) e.uid = uint32_t(s);
      } else if (k == "gid") {
        uint64_t s = parse_u64(v, &good);
        if (good) e.gid = uint32_t(s);
      } else if (k == "mtime") {
        uint64_t s = parse_u64(v.substr(0, v.find('.')), &good);
        if (good) e.mtime = int64_t(s);
      } else if (k == "GNU.sparse.name") e.name = v;
      else if (k == "GNU.sparse.realsize" || k == "GNU.sparse.size") {
        uint64_t s = parse_u64(v, &good);
        if (good) e.real_size = s;
      }
    }
  };
  apply(global_);
  apply(pax_);
  if (!long_name_.empty()) e.name = long_name_;
  if (!long_link_.empty()) e.linkname = long_link_;
  pax_.clear();
  long_name_.clear();
  long_link_.clear();
  if (e.real_size < e.size) e.real_size = e.size;
  // Links, dirs and devices carry no data whatever the size says (except
  // hard links in some writers: skip what follows either way).
  pad_ = (512 - e.size % 512) % 512;
  want_ = h_.entry(e);
  left_ = e.size;
  state_ = State::data;
  if (left_ == 0) {
    h_.entry_end();
    state_ = pad_ ? State::pad : State::header;
  }
}

}  // namespace dd::image
