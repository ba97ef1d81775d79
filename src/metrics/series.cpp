// Readers for Prometheus range-query JSON (a streaming scanner: a week of
// 15-second samples for a thousand series is a gigabyte of JSON) and CSV.
#include "metrics/series.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <thread>
#include <fstream>
#include <map>

#include "core/error.h"

namespace dd::metrics {

Metric metric_of(std::string_view n, std::string_view resource) {
  if (n.find(':') != std::string_view::npos) {  // a recording rule: level:metric:operations
    size_t a = n.find(':'), b = n.find(':', a + 1);
    if (b == std::string_view::npos) return Metric::unknown;
    return metric_of(n.substr(a + 1, b - a - 1), resource);
  }
  if (n == "container_memory_working_set_bytes") return Metric::memory_working_set;
  if (n == "container_spec_memory_limit_bytes") return Metric::memory_limit;
  if (n == "container_cpu_cfs_throttled_periods_total") return Metric::throttled_periods;
  if (n == "container_cpu_cfs_periods_total") return Metric::cfs_periods;
  if (n == "container_cpu_usage_seconds_total") return Metric::cpu_usage;
  if (n == "kube_pod_container_resource_limits" || n == "kube_pod_container_resource_requests") {
    bool lim = n == "kube_pod_container_resource_limits";
    if (resource == "memory") return lim ? Metric::limit_memory : Metric::request_memory;
    if (resource == "cpu") return lim ? Metric::limit_cpu : Metric::request_cpu;
  }
  return Metric::unknown;
}

bool is_counter(Metric m) {
  return m == Metric::throttled_periods || m == Metric::cfs_periods || m == Metric::cpu_usage;
}

MetricSpec spec_of(std::string_view q, std::string_view resource) {
  MetricSpec sp;
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':'; };
  // The first identifier of the text that names a metric we read.
  for (size_t i = 0; i < q.size();) {
    if (!word(q[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < q.size() && word(q[j])) ++j;
    std::string_view id = q.substr(i, j - i);
    Metric m = metric_of(id, resource);
    if (m != Metric::unknown) {
      sp.metric = m;
      if (auto c = id.rfind(':'); c != std::string_view::npos && id.find(':') != c)
        sp.rate = id.substr(c).find("rate") != std::string_view::npos;  // ...:sum_irate, ...:rate5m
      break;
    }
    i = j;
  }
  // rate(x[5m]) and irate(x[5m]), inside sum(...) by (...) or not.
  for (size_t p = q.find("rate"); p != std::string_view::npos; p = q.find("rate", p + 1)) {
    size_t b = p > 0 && q[p - 1] == 'i' ? p - 1 : p;  // irate
    size_t e = p + 4;
    while (e < q.size() && q[e] == ' ') ++e;
    if ((b == 0 || !word(q[b - 1])) && e < q.size() && q[e] == '(') sp.rate = true;
  }
  return sp;
}

std::string_view metric_name(Metric m) {
  switch (m) {
    case Metric::memory_working_set: return "container_memory_working_set_bytes";
    case Metric::memory_limit: return "container_spec_memory_limit_bytes";
    case Metric::throttled_periods: return "container_cpu_cfs_throttled_periods_total";
    case Metric::cfs_periods: return "container_cpu_cfs_periods_total";
    case Metric::cpu_usage: return "container_cpu_usage_seconds_total";
    case Metric::limit_memory: return "kube_pod_container_resource_limits{resource=\"memory\"}";
    case Metric::limit_cpu: return "kube_pod_container_resource_limits{resource=\"cpu\"}";
    case Metric::request_memory: return "kube_pod_container_resource_requests{resource=\"memory\"}";
    case Metric::request_cpu: return "kube_pod_container_resource_requests{resource=\"cpu\"}";
    case Metric::unknown: break;
  }
  return "unknown";
}

std::string Key::label() const {
  std::string s;
  for (const auto* p : {&ns, &pod, &container}) {
    if (p->empty()) continue;
    if (!s.empty()) s += '/';
    s += *p;
  }
  return s.empty() ? "series" : s;
}
bool Key::operator<(const Key& o) const {
  return std::tie(ns, pod, container) < std::tie(o.ns, o.pod, o.container);
}

namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::optional<double> number(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double d = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), d);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return d;
}

}  // namespace

std::optional<double> parse_timestamp(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\r')) s.remove_suffix(1);
  if (s.size() >= 19 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == 't' || s[10] == ' ')) {
    auto num = [&](size_t pos, size_t len) -> int {
      int v = 0;
      for (size_t i = pos; i < pos + len; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
      }
      return v;
    };
    int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), se = num(17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60 || s[13] != ':' ||
        s[16] != ':')
      return std::nullopt;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d > mdays[mo - 1] + (mo == 2 && is_leap(y))) return std::nullopt;
    double t = static_cast<double>(days_from_civil(y, mo, d)) * 86400.0 + h * 3600 + mi * 60 + se;
    size_t i = 19;
    if (i < s.size() && s[i] == '.') {
      double scale = 0.1;
      ++i;
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        t += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
      }
    }
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return t;
    if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
      int oh = num(i + 1, 2), om = num(i + 4, 2);
      if (oh < 0 || om < 0) return std::nullopt;
      double off = oh * 3600 + om * 60;
      return s[i] == '+' ? t - off : t + off;
    }
    return std::nullopt;
  }
  auto n = number(s);
  if (!n || !std::isfinite(*n) || *n < 0) return std::nullopt;
  if (*n > 1e11) return *n / 1000.0;  // milliseconds
  return n;
}

std::string format_time(double t) {
  std::time_t tt = static_cast<std::time_t>(std::floor(t));
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// ---------------------------------------------------------------------------
// Prometheus JSON, streamed in chunks.
namespace {

class Scanner {
 public:
  Scanner(std::istream& in, const std::string& name) : in_(in), name_(name), buf_(1 << 20) {
    auto at = in_.tellg();
    offset_ = at < 0 ? 0 : static_cast<size_t>(at);
  }
  // The byte of the stream the scanner is at.
  uint64_t offset() const { return offset_ + pos_; }
  void seek(uint64_t off) {
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(off));
    offset_ = off;
    pos_ = end_ = 0;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(name_ + ": " + what + " (byte " + std::to_string(offset_ + pos_) + ")");
  }
  int peek() {
    if (pos_ == end_ && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  int get() {
    int c = peek();
    if (c >= 0) ++pos_;
    return c;
  }
  void ws() {
    for (;;) {
      while (pos_ < end_) {
        char c = buf_[pos_];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
        ++pos_;
      }
      if (!fill()) return;
    }
  }
  void expect(char c) {
    ws();
    int g = get();
    if (g != c) {
      if (g < 0) fail(std::string("unexpected end of file, expected '") + c + "'");
      fail(std::string("expected '") + c + "', found '" + static_cast<char>(g) + "'");
    }
  }
  // After ',' or the closing bracket; true when another element follows.
  bool more(char close) {
    ws();
    int c = get();
    if (c == ',') return true;
    if (c == close) return false;
    if (c < 0) fail("unexpected end of file");
    fail(std::string("expected ',' or '") + close + "'");
  }
  bool empty_next(char close) {
    ws();
    if (peek() == close) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::string string() {
    ws();
    int c0 = get();
    if (c0 < 0) fail("unexpected end of file, expected a string");
    if (c0 != '"') fail("expected a string");
    std::string s;
    for (;;) {
      int c = get();
      if (c < 0) fail("unterminated string");
      if (c == '"') return s;
      if (c == '\\') {
        int e = get();
        switch (e) {
          case 'n': s += '\n'; break;
          case 't': s += '\t'; break;
          case 'r': s += '\r'; break;
          case 'b': s += '\b'; break;
          case 'f': s += '\f'; break;
          case 'u': {
            unsigned cp = hex4();
            // A surrogate pair (\ud83d\ude00, as jq -a writes) is one code
            // point; a lone surrogate is U+FFFD, as Go's encoder writes it.
            if (cp >= 0xD800 && cp < 0xDC00 && peek() == '\\') {
              ++pos_;
              if (get() != 'u') fail("bad \\u escape");
              unsigned lo = hex4();
              if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              else utf8(s, 0xFFFD), cp = lo;
            }
            if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
            utf8(s, cp);
            break;
          }
          case -1: fail("unterminated string");
          default: s += static_cast<char>(e);
        }
        continue;
      }
      s += static_cast<char>(c);
    }
  }
  [[gnu::cold, gnu::noinline]] unsigned hex4() {
    unsigned cp = 0;
    for (int i = 0; i < 4; ++i) {
      int h = get();
      if (h < 0 || !std::isxdigit(h)) fail("bad \\u escape");
      cp = cp * 16 + static_cast<unsigned>(std::isdigit(h) ? h - '0' : (std::tolower(h) - 'a' + 10));
    }
    return cp;
  }
  [[gnu::cold, gnu::noinline]] static void utf8(std::string& s, unsigned cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  // A bare JSON number or a quoted one, as text.
  std::string_view scalar(bool& quoted) {
    ws();
    tok_.clear();
    quoted = peek() == '"';
    if (quoted) {
      ++pos_;
      for (;;) {
        if (pos_ == end_ && !fill()) fail("unterminated string");
        const char* p = buf_.data() + pos_;
        const char* q = static_cast<const char*>(std::memchr(p, '"', end_ - pos_));
        if (q) {
          tok_.append(p, q);
          pos_ += (q - p) + 1;
          break;
        }
        tok_.append(p, end_ - pos_);
        pos_ = end_;
      }
      if (tok_.find('\\') != std::string::npos) fail("escape in a number string");
      return tok_;
    }
    for (;;) {
      size_t start = pos_;
      while (pos_ < end_) {
        char c = buf_[pos_];
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) break;
        ++pos_;
      }
      tok_.append(buf_.data() + start, pos_ - start);
      if (pos_ < end_ || !fill()) break;
    }
    if (tok_.empty()) fail("expected a number");
    return tok_;
  }
  void skip_value(int depth = 0) {
    if (depth > 200) fail("nested too deeply");
    ws();
    int c = peek();
    if (c == '{') {
      ++pos_;
      if (empty_next('}')) return;
      do {
        string();
        expect(':');
        skip_value(depth + 1);
      } while (more('}'));
    } else if (c == '[') {
      ++pos_;
      if (empty_next(']')) return;
      do skip_value(depth + 1);
      while (more(']'));
    } else if (c == '"') {
      string();
    } else if (c == 't' || c == 'f' || c == 'n') {
      std::string w;
      while (std::isalpha(peek())) w += static_cast<char>(get());
      if (w != "true" && w != "false" && w != "null") fail("unexpected '" + w + "'");
    } else if (c < 0) {
      fail("unexpected end of file");
    } else {
      bool q;
      scalar(q);
    }
  }
  bool at_end() {
    ws();
    return peek() < 0;
  }
  // The fast path over a run of points: `[ts,"v"]` elements separated by
  // ',' with no spaces, each lying wholly in the buffer with plain decimals
  // (as Prometheus writes them). Appends what it reads and stops before the
  // separator that follows the last one; 0 when the first is anything else.
  // Out of line, so that the number scan and push_back are inlined here
  // whatever read_element's size (when they were not, the read took 10%
  // more CPU).
  [[gnu::noinline]] size_t fast_points(std::vector<double>& T, std::vector<double>& V) {
    const char* p = buf_.data() + pos_;
    const char* e = buf_.data() + end_;
    size_t got = 0;
    for (;;) {
      // The separator is taken only with the point after it.
      const char* b = got ? p + 1 : p;
      if (e - b < 80 || *b != '[' || (got && *p != ',')) break;
      const char* q = b + 1;
      double t, v;
      if (!plain_number(q, e, t) || *q != ',' || q[1] != '"') break;
      q += 2;
      if (!plain_number(q, e, v) || *q != '"' || q[1] != ']') break;
      T.push_back(t);
      V.push_back(v);
      ++got;
      p = q + 2;
    }
    if (got) pos_ = static_cast<size_t>(p - buf_.data());
    return got;
  }
  // Fast path for one `[ts,"v"]` element lying wholly in the buffer, with
  // plain decimal numbers (optional '-', digits, optional '.digits', at most
  // 15 significant digits): no copy, no from_chars. Returns false without
  // consuming anything when the element is anything else; the caller then
  // takes the general path. `keep` is always true (NaN takes the slow path).
  bool fast_point(double& t, double& v) {
    const char* p = buf_.data() + pos_;
    const char* e = buf_.data() + end_;
    if (e - p < 64) return false;  // near the buffer end: general path
    auto sp = [&] {
      while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
    };
    sp();
    if (*p != '[') return false;
    ++p;
    sp();
    if (!plain_number(p, e, t)) return false;
    sp();
    if (p >= e || *p != ',') return false;
    ++p;
    sp();
    if (p >= e || *p != '"') return false;
    ++p;
    if (!plain_number(p, e, v)) return false;
    if (p >= e || *p != '"') return false;
    ++p;
    sp();
    if (p >= e || *p != ']') return false;
    ++p;
    pos_ = static_cast<size_t>(p - buf_.data());
    return true;
  }

 private:
  // Eight digits at once when the next eight bytes are all digits (SWAR:
  // pairs, then quads, then the eight combined in three multiplies):
  // m = m * 10^8 + their value. Returns how many digits it took (0 or 8).
  [[gnu::always_inline]] static int eight_digits(const char*& q, const char* e, uint64_t& m) {
    if (e - q < 8) return 0;
    uint64_t x;
    std::memcpy(&x, q, 8);
    // Every byte in '0'..'9': its high nibble is 3 and adding 6 does not carry out of it.
    if (((x & 0xF0F0F0F0F0F0F0F0ULL) | (((x + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4)) != 0x3333333333333333ULL)
      return 0;
    x -= 0x3030303030303030ULL;                                      // digits, the first in the low byte
    x = (x * 10 + (x >> 8)) & 0x00FF00FF00FF00FFULL;                 // pairs
    x = (x * 100 + (x >> 16)) & 0x0000FFFF0000FFFFULL;               // quads
    x = (x * 10000 + (x >> 32)) & 0xFFFFFFFFULL;                     // eight
    m = m * 100000000ULL + x;
    q += 8;
    return 8;
  }
  [[gnu::always_inline]] static bool plain_number(const char*& p, const char* e, double& out) {
    static constexpr double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                       1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char* q = p;
    bool neg = q < e && *q == '-';
    if (neg) ++q;
    uint64_t m = 0;
    int digits = 0, frac = 0;
    const char* d0 = q;
    digits += eight_digits(q, e, m);
    while (q < e && *q >= '0' && *q <= '9') m = m * 10 + static_cast<uint64_t>(*q++ - '0'), ++digits;
    if (q == d0 || (*d0 == '0' && q - d0 > 1)) return false;  // no digits, or a leading zero
    uint64_t whole = m;  // the integer part
    if (q < e && *q == '.') {
      const char* f0 = ++q;
      int f8 = eight_digits(q, e, m);
      digits += f8, frac += f8;
      while (q < e && *q >= '0' && *q <= '9') m = m * 10 + static_cast<uint64_t>(*q++ - '0'), ++digits, ++frac;
      if (q == f0) return false;
    }
    if (q >= e || *q == 'e' || *q == 'E' || digits > 15) return false;
    // m < 10^15 < 2^53 and 10^frac are exact: one correctly rounded division,
    // the same double from_chars gives.
    static constexpr uint64_t ipow10[] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
                                          100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
                                          1000000000000ULL, 10000000000000ULL, 100000000000000ULL, 1000000000000000ULL};
    // A zero fraction (1714557600.000) is the integer part: no division.
    double d = static_cast<double>(frac && m != whole * ipow10[frac] ? m : whole);
    if (frac && m != whole * ipow10[frac]) d /= pow10[frac];
    out = neg ? -d : d;
    p = q;
    return true;
  }

  bool fill() {
    offset_ += end_;
    in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    end_ = static_cast<size_t>(in_.gcount());
    pos_ = 0;
    return end_ > 0;
  }
  std::istream& in_;
  const std::string& name_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0, offset_ = 0;
  std::string tok_;
};

// Values Prometheus writes: decimals, "NaN", "+Inf", "-Inf". NaN points are
// left out (rate() of nothing); infinities are an error.
bool sample_value(std::string_view s, double& out) {
  if (s == "NaN") return false;
  auto n = number(s);
  if (!n) throw std::invalid_argument(std::string(s));
  out = *n;
  return true;
}

}  // namespace

namespace {

// One element of data.result: {"metric":{...},"values":[...]}. Appends the
// series when it is of a metric we read.
void read_element(Scanner& sc, const std::string& name, const ReadOptions& opt, size_t& hint, std::vector<Series>& out) {
  Series s;
  s.source = name;
  std::string metric_name_label, resource;
  bool named = false;
  sc.expect('{');
  if (!sc.empty_next('}')) {
    do {
      std::string rk = sc.string();
      sc.expect(':');
      if (rk == "metric") {
        sc.expect('{');
        if (sc.empty_next('}')) continue;
        do {
          std::string lk = sc.string();
          sc.expect(':');
          std::string lv = sc.string();
          if (lk == "__name__") metric_name_label = lv, named = true;
          else if (lk == "namespace") s.key.ns = lv;
          else if (lk == "pod" || lk == "pod_name") s.key.pod = lv;
          else if (lk == "container" || lk == "container_name") s.key.container = lv;
          else if (lk == "resource") resource = lv;
        } while (sc.more('}'));
      } else if (rk == "values") {
        sc.expect('[');
        if (sc.empty_next(']')) continue;
        s.t.reserve(hint);
        s.v.reserve(hint);
        const bool fast = opt.fast_points;
        do {
          if (fast && sc.fast_points(s.t, s.v)) continue;
          double ft, fv;
          if (fast && sc.fast_point(ft, fv)) {
            s.t.push_back(ft);
            s.v.push_back(fv);
            continue;
          }
          sc.expect('[');
          bool q;
          auto ts = sc.scalar(q);
          double t = 0;
          auto r = std::from_chars(ts.data(), ts.data() + ts.size(), t);
          if (r.ec != std::errc() || r.ptr != ts.data() + ts.size()) sc.fail("timestamp '" + std::string(ts) + "' is not a number");
          sc.expect(',');
          auto vs = sc.scalar(q);
          double v = 0;
          bool keep;
          try {
            keep = sample_value(vs, v);
          } catch (const std::invalid_argument&) {
            sc.fail("value \"" + std::string(vs).substr(0, 40) + "\" is not a number");
          }
          if (keep && !std::isfinite(v)) sc.fail("value " + std::string(vs) + " is not finite");
          if (keep) {
            s.t.push_back(t);
            s.v.push_back(v);
          }
          sc.expect(']');
        } while (sc.more(']'));
      } else if (rk == "value") {
        throw InputError(name + ": a series has a single \"value\" (an instant query); use /api/v1/query_range");
      } else {
        sc.skip_value();
      }
    } while (sc.more('}'));
  }
  Metric m = Metric::unknown;
  if (named) {
    auto sp = spec_of(metric_name_label, resource);
    m = sp.metric;
    if (sp.rate) s.rate = true, s.rate_reason = "its name " + metric_name_label + " is a recording rule of rate()";
  }
  if (!named && opt.metric) m = *opt.metric;
  if (!named && !opt.metric)
    throw InputError(name + ": a series has no __name__ (an expression such as rate()); name the query with --metric, "
                            "e.g. --metric 'rate(container_cpu_usage_seconds_total[5m])'");
  if ((!named || m == Metric::unknown) && opt.metric && opt.metric_is_rate)
    s.rate = true, s.rate_reason = "--metric names a rate() query";
  if (named && m == Metric::unknown && opt.metric) m = *opt.metric;
  if (m == Metric::unknown) return;  // other metrics in the file are not ours
  s.metric = m;
  hint = s.t.size();
  if (s.t.capacity() > 2 * s.t.size() + 64) {  // a short series after a long one
    s.t.shrink_to_fit();
    s.v.shrink_to_fit();
  }
  out.push_back(std::move(s));
}

// A chunk of data.result read on its own thread: the elements from byte
// `start` (an element's '{') up to the ',' at byte `stop` (or to the ']'
// closing the array when stop is 0; `closed_at` is then the byte after it).
struct Chunk {
  uint64_t start = 0, stop = 0, closed_at = 0;
  std::vector<Series> out;
  std::exception_ptr error;
  bool misaligned = false;
};

// Reads elements until the ',' at `stop` (true) or the closing ']' (false).
// A chunk that passes its stop, or closes the array before it, was split
// where no element begins: the caller reads the file again in one piece.
bool read_elements(Scanner& sc, const std::string& name, const ReadOptions& opt, std::vector<Series>& out, uint64_t stop,
                   bool& misaligned) {
  size_t hint = 0;
  do {
    read_element(sc, name, opt, hint, out);
    if (stop) {
      sc.ws();
      uint64_t at = sc.offset();
      if (at == stop) return true;
      if (at > stop) return misaligned = true;
    }
  } while (sc.more(']'));
  if (stop) misaligned = true;
  return false;
}

// Where elements of data.result begin, about evenly spread from `first` to
// the end of the file: `,{"metric":` cannot occur inside a JSON string (its
// '"' would end it) and Prometheus writes "metric" first. Fewer than asked
// when the file has fewer such places.
std::vector<uint64_t> split_points(const std::string& path, uint64_t first, uint64_t size, size_t parts) {
  std::vector<uint64_t> at{first};
  std::ifstream in(path, std::ios::binary);
  static constexpr std::string_view pat = ",{\"metric\":";
  std::vector<char> buf(1 << 16);
  for (size_t k = 1; k < parts && in; ++k) {
    uint64_t from = std::max(at.back() + 1, first + (size - first) * k / parts);
    bool found = false;
    for (uint64_t off = from; off < size && off < from + (64u << 20) && !found; off += buf.size() - pat.size()) {
      in.clear();
      in.seekg(static_cast<std::streamoff>(off));
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      auto got = static_cast<size_t>(in.gcount());
      std::string_view w(buf.data(), got);
      if (auto i = w.find(pat); i != std::string_view::npos) at.push_back(off + i + 1), found = true;
      if (got < buf.size()) break;
    }
    if (!found) break;
  }
  return at;
}

}  // namespace

namespace {

// A file big enough to read data.result on several threads.
struct ParallelFile {
  std::string path;
  uint64_t size = 0;
  size_t parts = 1;
};
struct Misaligned {};

// The chunks of data.result between the split points, one thread each (the
// calling thread takes the first with `sc`); `sc` is left after the ']'.
void read_chunks(Scanner& sc, const ParallelFile& pf, const std::vector<uint64_t>& at, const std::string& name,
                 const ReadOptions& opt, std::vector<Series>& out) {
  std::vector<Chunk> ch(at.size());
  for (size_t k = 0; k < at.size(); ++k) ch[k].start = at[k], ch[k].stop = k + 1 < at.size() ? at[k + 1] - 1 : 0;
  auto work = [&](size_t k) {
    try {
      std::ifstream f;
      std::optional<Scanner> own;
      Scanner* use = &sc;
      if (k > 0) {
        f.open(pf.path, std::ios::binary);
        if (!f) throw InputError(pf.path + ": cannot open file");
        own.emplace(f, name);
        own->seek(ch[k].start);
        use = &*own;
      }
      read_elements(*use, name, opt, ch[k].out, ch[k].stop, ch[k].misaligned);
      if (!ch[k].stop && !ch[k].misaligned) ch[k].closed_at = use->offset();
    } catch (...) {
      ch[k].error = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (size_t k = 1; k < ch.size(); ++k) pool.emplace_back(work, k);
  work(0);
  for (auto& th : pool) th.join();
  // Bad input or a split between anything but two elements: the caller
  // reads the file in one piece, which gives the error of a serial read.
  for (auto& c : ch)
    if (c.error || c.misaligned) throw Misaligned{};
  size_t total = out.size();
  for (auto& c : ch) total += c.out.size();
  out.reserve(total);
  for (auto& c : ch)
    for (auto& x : c.out) out.push_back(std::move(x));
  sc.seek(ch.back().closed_at);
}

std::vector<Series> read_prometheus_impl(std::istream& in, const std::string& name, const ReadOptions& opt,
                                         const ParallelFile* pf) {
  Scanner sc(in, name);
  std::vector<Series> out;
  std::string status, result_type, error;
  bool have_result = false;
  size_t hint = 0;  // points of the previous series: a range query gives them all the same length
  sc.expect('{');
  if (!sc.empty_next('}')) {
    do {
      std::string k = sc.string();
      sc.expect(':');
      if (k == "status") {
        status = sc.string();
      } else if (k == "error") {
        error = sc.string();
      } else if (k == "data") {
        sc.expect('{');
        if (sc.empty_next('}')) continue;
        do {
          std::string dk = sc.string();
          sc.expect(':');
          if (dk == "resultType") {
            result_type = sc.string();
            if (result_type != "matrix")
              throw InputError(name + ": resultType is " + result_type +
                               "; drydock metrics reads range queries (/api/v1/query_range, resultType matrix)");
          } else if (dk == "result") {
            have_result = true;
            sc.expect('[');
            if (sc.empty_next(']')) continue;
            if (pf && out.empty()) {
              sc.ws();
              auto at = split_points(pf->path, sc.offset(), pf->size, pf->parts);
              if (at.size() > 1) {
                read_chunks(sc, *pf, at, name, opt, out);
                continue;
              }
            }
            do {
              read_element(sc, name, opt, hint, out);
            } while (sc.more(']'));
          } else {
            sc.skip_value();
          }
        } while (sc.more('}'));
      } else {
        sc.skip_value();
      }
    } while (sc.more('}'));
  }
  if (!sc.at_end()) sc.fail("trailing data after the JSON object");
  if (status == "error") throw InputError(name + ": Prometheus answered with an error: " + error);
  if (!have_result) throw InputError(name + ": no data.result array; expected the JSON of /api/v1/query_range");
  return out;
}

}  // namespace

std::vector<Series> read_prometheus(std::istream& in, const std::string& name, const ReadOptions& opt) {
  return read_prometheus_impl(in, name, opt, nullptr);
}

// ---------------------------------------------------------------------------
// CSV.
namespace {

enum class Unit { none, bytes, cores, percent };
const char* unit_name(Unit u) {
  switch (u) {
    case Unit::bytes: return "bytes";
    case Unit::cores: return "cores";
    case Unit::percent: return "percent";
    default: return "no unit";
  }
}

// A number with an optional unit: 512Mi, 1.5GiB, 2G, 250m, 0.5cores, 40%.
std::optional<std::pair<double, Unit>> value_with_unit(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\r')) s.remove_suffix(1);
  size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == '-' || s[i] == '+' ||
                          ((s[i] == 'e' || s[i] == 'E') && i + 1 < s.size() &&
                           (std::isdigit(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '-' || s[i + 1] == '+'))))
    ++i;
  auto n = number(s.substr(0, i));
  if (!n) return std::nullopt;
  std::string u(s.substr(i));
  while (!u.empty() && u.front() == ' ') u.erase(0, 1);
  static const std::map<std::string, double> bytes = {
      {"B", 1},          {"Ki", 1024.0},      {"KiB", 1024.0},     {"Mi", 1048576.0},      {"MiB", 1048576.0},
      {"Gi", 1073741824.0}, {"GiB", 1073741824.0}, {"Ti", 1099511627776.0}, {"TiB", 1099511627776.0},
      {"k", 1e3},        {"kB", 1e3},         {"K", 1e3},          {"KB", 1e3},            {"M", 1e6},
      {"MB", 1e6},       {"G", 1e9},          {"GB", 1e9},         {"T", 1e12},            {"TB", 1e12}};
  if (u.empty()) return std::make_pair(*n, Unit::none);
  if (auto it = bytes.find(u); it != bytes.end()) return std::make_pair(*n * it->second, Unit::bytes);
  if (u == "m") return std::make_pair(*n / 1000.0, Unit::cores);
  if (u == "cores" || u == "core" || u == "cpu") return std::make_pair(*n, Unit::cores);
  if (u == "%") return std::make_pair(*n / 100.0, Unit::percent);
  return std::nullopt;
}

std::vector<std::string_view> split_csv(std::string_view line) {
  std::vector<std::string_view> f;
  size_t start = 0;
  bool q = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') q = !q;
    else if (line[i] == ',' && !q) {
      f.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  f.push_back(line.substr(start));
  return f;
}

Key key_of(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\r')) s.remove_suffix(1);
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == '/') {
      parts.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  Key k;
  if (parts.size() >= 3) k = {parts[0], parts[1], parts[2]};
  else if (parts.size() == 2) k = {"", parts[0], parts[1]};
  else k.container = parts[0];
  return k;
}

}  // namespace

std::vector<Series> read_csv(std::istream& in, const std::string& name, const ReadOptions& opt) {
  std::map<Key, Series> by;
  std::map<Key, std::pair<Unit, size_t>> units;
  std::vector<Key> order;
  std::string line;
  size_t lineno = 0, data_lines = 0;
  Metric header_metric = Metric::unknown;
  bool header_rate = false;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line[0] == '#') continue;
    auto f = split_csv(line);
    auto where = name + ":" + std::to_string(lineno) + ": ";
    if (f.size() < 2 || f.size() > 3)
      throw InputError(where + "expected timestamp,value[,series], found " + std::to_string(f.size()) + " fields");
    auto ts = parse_timestamp(f[0]);
    if (!ts) {
      if (data_lines == 0 && lineno == 1 + 0 && !value_with_unit(f[1])) {  // a header
        std::string h(f[1]);
        while (!h.empty() && (h.front() == ' ' || h.front() == '"')) h.erase(0, 1);
        while (!h.empty() && (h.back() == ' ' || h.back() == '"')) h.pop_back();
        auto hs = spec_of(h);
        header_metric = hs.metric;
        header_rate = hs.rate;
        continue;
      }
      throw InputError(where + "timestamp '" + std::string(f[0]) + "' is neither RFC3339 nor unix seconds");
    }
    auto val = value_with_unit(f[1]);
    if (!val) throw InputError(where + "value '" + std::string(f[1]) + "' is not a number");
    Key k = f.size() == 3 ? key_of(f[2]) : Key{};
    auto [uit, fresh] = units.try_emplace(k, val->second, lineno);
    if (!fresh && uit->second.first != val->second)
      throw InputError(where + "mixed units" + (f.size() == 3 ? " in series " + k.label() : std::string()) + ": " +
                       unit_name(val->second) + " here, " +
                       unit_name(uit->second.first) + " on line " + std::to_string(uit->second.second));
    auto [it, inserted] = by.try_emplace(k);
    if (inserted) order.push_back(k);
    it->second.t.push_back(*ts);
    it->second.v.push_back(val->first);
    ++data_lines;
  }
  Metric m = opt.metric ? *opt.metric : header_metric;
  std::vector<Series> out;
  for (const auto& k : order) {
    Series s = std::move(by[k]);
    s.key = k;
    s.source = name;
    Unit u = units[k].first;
    Metric sm = m;
    if (sm == Metric::unknown) sm = u == Unit::cores ? Metric::unknown : Metric::memory_working_set;
    if (sm == Metric::unknown)
      throw InputError(name + ": values in cores: name the metric with --metric container_cpu_usage_seconds_total or another");
    bool mem = sm == Metric::memory_working_set || sm == Metric::memory_limit || sm == Metric::limit_memory ||
               sm == Metric::request_memory;
    if ((mem && (u == Unit::cores || u == Unit::percent)) || (!mem && u == Unit::bytes))
      throw InputError(name + ": series " + k.label() + " is " + std::string(metric_name(sm)) + " but its values are in " +
                       unit_name(u));
    s.metric = sm;
    if (is_counter(sm) && (opt.metric ? opt.metric_is_rate : header_rate))
      s.rate = true, s.rate_reason = opt.metric ? "--metric names a rate() query" : "the CSV header names a rate() query";
    else if (sm == Metric::cpu_usage && u == Unit::cores) s.rate = true, s.rate_reason = "its values are in cores (CPU seconds per second)";
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Series> read_file(const std::string& path, const ReadOptions& opt) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open file");
  int c;
  while ((c = in.peek()) != EOF && std::isspace(c)) in.get();
  if (c == EOF) throw InputError(path + ": empty file");
  std::vector<Series> series;
  if (c == '{') {
    // Large files are read on every core, split between series.
    std::error_code ec;
    ParallelFile pf{path, std::filesystem::file_size(path, ec), std::min(8u, std::max(1u, std::thread::hardware_concurrency()))};
    if (!ec && pf.parts > 1 && pf.size >= opt.parallel_min_bytes) {
      auto start = in.tellg();
      try {
        series = read_prometheus_impl(in, path, opt, &pf);
      } catch (const Misaligned&) {
        in.clear();
        in.seekg(start);
        series = read_prometheus_impl(in, path, opt, nullptr);
      }
    } else {
      series = read_prometheus(in, path, opt);
    }
  } else {
    series = read_csv(in, path, opt);
  }
  if (in.bad()) throw InputError(path + ": read error");
  return series;
}

}  // namespace dd::metrics
