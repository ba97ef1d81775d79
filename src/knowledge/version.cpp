#include "knowledge/version.h"
#include "core/text.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>

namespace dd::kb {
namespace {

using SV = std::string_view;

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
int sign(int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

using dd::text::lower;

SV trim(SV s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Two runs of digits of any length, numerically.
int cmp_num(SV a, SV b) {
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  if (a.empty()) a = "0";
  if (b.empty()) b = "0";
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return sign(a.compare(b));
}

// ---- generic -----------------------------------------------------------------

// Runs of digits and of letters; everything else separates.
std::vector<SV> runs(SV s) {
  std::vector<SV> out;
  size_t i = 0;
  while (i < s.size()) {
    if (!digit(s[i]) && !alpha(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool d = digit(s[i]);
    while (j < s.size() && (d ? digit(s[j]) : alpha(s[j]))) ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// ---- semver ------------------------------------------------------------------

struct Semver {
  std::vector<SV> core;  // dotted parts before '-' / '+'
  std::vector<SV> pre;   // pre-release identifiers
};

Semver parse_semver(SV s) {
  s = trim(s);
  if (!s.empty() && (s.front() == 'v' || s.front() == 'V')) s.remove_prefix(1);
  if (size_t plus = s.find('+'); plus != SV::npos) s = s.substr(0, plus);  // build metadata: ignored
  Semver v;
  SV core = s, pre;
  if (size_t dash = s.find('-'); dash != SV::npos) {
    core = s.substr(0, dash);
    pre = s.substr(dash + 1);
  }
  auto split = [](SV t, std::vector<SV>& out) {
    size_t p = 0;
    while (p <= t.size()) {
      size_t n = t.find('.', p);
      if (n == SV::npos) n = t.size();
      out.push_back(t.substr(p, n - p));
      p = n + 1;
    }
  };
  split(core, v.core);
  if (!pre.empty() || s.find('-') != SV::npos) split(pre, v.pre);
  return v;
}

bool all_digits(SV s) { return !s.empty() && std::all_of(s.begin(), s.end(), digit); }

// One identifier: numeric ones numerically and below alphanumeric ones, which
// compare in ASCII order.
int cmp_ident(SV a, SV b) {
  bool na = all_digits(a), nb = all_digits(b);
  if (na && nb) return cmp_num(a, b);
  if (na != nb) return na ? -1 : 1;
  return sign(a.compare(b));
}

// ---- dpkg --------------------------------------------------------------------

// Debian policy: letters sort before non-letters, '~' before everything,
// even the end of the part.
int dpkg_order(char c) {
  if (digit(c)) return 0;
  if (alpha(c)) return c;
  if (c == '~') return -1;
  if (c) return c + 256;
  return 0;
}

int dpkg_part(SV a, SV b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    while ((i < a.size() && !digit(a[i])) || (j < b.size() && !digit(b[j]))) {
      int ac = dpkg_order(i < a.size() ? a[i] : '\0');
      int bc = dpkg_order(j < b.size() ? b[j] : '\0');
      if (ac != bc) return ac < bc ? -1 : 1;
      if (i < a.size()) ++i;
      if (j < b.size()) ++j;
    }
    size_t si = i, sj = j;
    while (i < a.size() && digit(a[i])) ++i;
    while (j < b.size() && digit(b[j])) ++j;
    if (int c = cmp_num(a.substr(si, i - si), b.substr(sj, j - sj))) return c;
  }
  return 0;
}

struct Dpkg {
  SV epoch = "0", upstream, revision;
};

Dpkg parse_dpkg(SV s) {
  s = trim(s);
  Dpkg v;
  if (size_t colon = s.find(':'); colon != SV::npos && all_digits(s.substr(0, colon))) {
    v.epoch = s.substr(0, colon);
    s = s.substr(colon + 1);
  }
  if (size_t dash = s.rfind('-'); dash != SV::npos) {
    v.upstream = s.substr(0, dash);
    v.revision = s.substr(dash + 1);
  } else {
    v.upstream = s;
  }
  return v;
}

// ---- PEP 440 -----------------------------------------------------------------

struct Pep440 {
  bool valid = false;
  std::string epoch = "0";
  std::vector<std::string> release;
  int pre_kind = 0;  // 0 none, 1 a, 2 b, 3 rc
  std::string pre_n;
  bool post = false;
  std::string post_n;
  bool dev = false;
  std::string dev_n;
  std::vector<std::string> local;
};

Pep440 parse_pep440(SV raw) {
  Pep440 v;
  std::string s = lower(trim(raw));
  size_t i = 0;
  auto sep = [&] {
    if (i < s.size() && (s[i] == '.' || s[i] == '-' || s[i] == '_')) ++i;
  };
  auto number = [&] {
    size_t b = i;
    while (i < s.size() && digit(s[i])) ++i;
    return s.substr(b, i - b);
  };
  auto word = [&](std::initializer_list<const char*> words) -> std::string {
    // Longest first: "preview" before "pre", "rc" before "r".
    std::string best;
    for (const char* w : words)
      if (s.compare(i, std::string_view(w).size(), w) == 0 && std::string_view(w).size() > best.size()) best = w;
    return best;
  };
  if (i < s.size() && s[i] == 'v') ++i;
  std::string n = number();
  if (n.empty()) return v;
  if (i < s.size() && s[i] == '!') {
    ++i;
    v.epoch = n;
    n = number();
    if (n.empty()) return v;
  }
  v.release.push_back(n);
  while (i + 1 < s.size() && s[i] == '.' && digit(s[i + 1])) {
    ++i;
    v.release.push_back(number());
  }
  // pre-release
  {
    size_t save = i;
    sep();
    std::string w = word({"alpha", "beta", "preview", "pre", "rc", "a", "b", "c"});
    if (!w.empty()) {
      i += w.size();
      v.pre_kind = (w == "a" || w == "alpha") ? 1 : (w == "b" || w == "beta") ? 2 : 3;
      size_t before = i;
      sep();
      v.pre_n = number();
      if (v.pre_n.empty()) {
        i = before;
        v.pre_n = "0";
      }
    } else {
      i = save;
    }
  }
  // post-release: -N, or [sep](post|rev|r)[sep][N]
  {
    size_t save = i;
    if (i + 1 < s.size() && s[i] == '-' && digit(s[i + 1])) {
      ++i;
      v.post = true;
      v.post_n = number();
    } else {
      sep();
      std::string w = word({"post", "rev", "r"});
      if (!w.empty()) {
        i += w.size();
        v.post = true;
        size_t before = i;
        sep();
        v.post_n = number();
        if (v.post_n.empty()) {
          i = before;
          v.post_n = "0";
        }
      } else {
        i = save;
      }
    }
  }
  // dev-release
  {
    size_t save = i;
    sep();
    if (s.compare(i, 3, "dev") == 0) {
      i += 3;
      v.dev = true;
      size_t before = i;
      sep();
      v.dev_n = number();
      if (v.dev_n.empty()) {
        i = before;
        v.dev_n = "0";
      }
    } else {
      i = save;
    }
  }
  if (i < s.size() && s[i] == '+') {
    ++i;
    std::string seg;
    for (; i <= s.size(); ++i) {
      if (i == s.size() || s[i] == '.' || s[i] == '-' || s[i] == '_') {
        if (seg.empty()) return v;
        v.local.push_back(seg);
        seg.clear();
        if (i == s.size()) break;
      } else if (digit(s[i]) || alpha(s[i])) {
        seg += s[i];
      } else {
        return v;
      }
    }
  }
  v.valid = i == s.size();
  return v;
}

// Missing parts sort as the packaging library's key does: no pre-release sorts
// after every pre-release, except a bare dev release (1.0.dev0 < 1.0a0).
int cmp_pep440(const Pep440& a, const Pep440& b) {
  if (int c = cmp_num(a.epoch, b.epoch)) return c;
  auto stripped = [](const std::vector<std::string>& r) {
    size_t n = r.size();
    while (n > 0 && cmp_num(r[n - 1], "0") == 0) --n;
    return n;
  };
  size_t na = stripped(a.release), nb = stripped(b.release);
  for (size_t k = 0; k < std::max(na, nb); ++k) {
    if (k >= na) return -1;
    if (k >= nb) return 1;
    if (int c = cmp_num(a.release[k], b.release[k])) return c;
  }
  // pre: -inf (dev only), (kind, n), +inf (none)
  auto pre_rank = [](const Pep440& v) { return v.pre_kind ? 1 : (!v.post && v.dev) ? 0 : 2; };
  if (int c = pre_rank(a) - pre_rank(b)) return sign(c);
  if (a.pre_kind && b.pre_kind) {
    if (a.pre_kind != b.pre_kind) return a.pre_kind < b.pre_kind ? -1 : 1;
    if (int c = cmp_num(a.pre_n, b.pre_n)) return c;
  }
  if (a.post != b.post) return a.post ? 1 : -1;
  if (a.post)
    if (int c = cmp_num(a.post_n, b.post_n)) return c;
  if (a.dev != b.dev) return a.dev ? -1 : 1;
  if (a.dev)
    if (int c = cmp_num(a.dev_n, b.dev_n)) return c;
  // local: none first; segments numeric above alphanumeric.
  for (size_t k = 0; k < std::max(a.local.size(), b.local.size()); ++k) {
    if (k >= a.local.size()) return -1;
    if (k >= b.local.size()) return 1;
    bool da = all_digits(a.local[k]), db = all_digits(b.local[k]);
    if (da != db) return da ? 1 : -1;
    int c = da ? cmp_num(a.local[k], b.local[k]) : sign(a.local[k].compare(b.local[k]));
    if (c) return c;
  }
  return 0;
}

// ---- registry ----------------------------------------------------------------

struct FnScheme : VersionScheme {
  SV n;
  int (*fn)(SV, SV);
  FnScheme(SV name, int (*f)(SV, SV)) : n(name), fn(f) {}
  SV name() const override { return n; }
  int compare(SV a, SV b) const override { return fn(a, b); }
};

const FnScheme kGeneric{"generic", compare_generic};
const FnScheme kSemver{"semver", compare_semver};
const FnScheme kDpkg{"dpkg", compare_dpkg};
const FnScheme kPep440{"pep440", compare_pep440};

struct Schemes {
  std::mutex mu;
  std::map<std::string, const VersionScheme*> by_name;  // lower-case names
  std::map<std::string, std::string> display;           // lower -> as written
};

// The ecosystems known from the start: (name, scheme).
Schemes& schemes() {
  static Schemes s;
  static const bool filled = [] {
    Schemes& x = s;
    const std::pair<SV, const VersionScheme*> rows[] = {
        {"generic", &kGeneric}, {"semver", &kSemver}, {"dpkg", &kDpkg},     {"pep440", &kPep440},
        {"Debian", &kDpkg},     {"Ubuntu", &kDpkg},   {"PyPI", &kPep440},   {"npm", &kSemver},
        {"Go", &kSemver},       {"crates.io", &kSemver},
    };
    for (auto [n, sch] : rows) {
      x.by_name[lower(n)] = sch;
      x.display[lower(n)] = std::string(n);
    }
    return true;
  }();
  (void)filled;
  return s;
}

}  // namespace

int compare_generic(std::string_view a, std::string_view b) {
  auto ra = runs(a), rb = runs(b);
  for (size_t k = 0; k < std::max(ra.size(), rb.size()); ++k) {
    SV x = k < ra.size() ? ra[k] : SV(), y = k < rb.size() ? rb[k] : SV();
    if (x.empty() || y.empty()) {
      // A missing number counts as 0 (3.9 = 3.9.0); a trailing word marks a
      // pre-release (1.0beta < 1.0).
      SV have = x.empty() ? y : x;
      int side = x.empty() ? -1 : 1;  // the side that has the run
      if (digit(have.front())) {
        if (int c = cmp_num(have, "0")) return side * c;
        continue;
      }
      return -side;
    }
    bool dx = digit(x.front()), dy = digit(y.front());
    if (dx && dy) {
      if (int c = cmp_num(x, y)) return c;
    } else if (dx != dy) {
      return dx ? 1 : -1;
    } else if (int c = sign(lower(x).compare(lower(y)))) {
      return c;
    }
  }
  return 0;
}

int compare_semver(std::string_view a, std::string_view b) {
  Semver x = parse_semver(a), y = parse_semver(b);
  for (size_t k = 0; k < std::max(x.core.size(), y.core.size()); ++k) {
    SV p = k < x.core.size() ? x.core[k] : SV("0"), q = k < y.core.size() ? y.core[k] : SV("0");
    int c = all_digits(p) && all_digits(q) ? cmp_num(p, q) : compare_generic(p, q);
    if (c) return c;
  }
  // A version with a pre-release sorts before the release.
  if (x.pre.empty() != y.pre.empty()) return x.pre.empty() ? 1 : -1;
  for (size_t k = 0; k < std::max(x.pre.size(), y.pre.size()); ++k) {
    if (k >= x.pre.size()) return -1;
    if (k >= y.pre.size()) return 1;
    if (int c = cmp_ident(x.pre[k], y.pre[k])) return c;
  }
  return 0;
}

int compare_dpkg(std::string_view a, std::string_view b) {
  Dpkg x = parse_dpkg(a), y = parse_dpkg(b);
  if (int c = cmp_num(x.epoch, y.epoch)) return c;
  if (int c = dpkg_part(x.upstream, y.upstream)) return c;
  return dpkg_part(x.revision, y.revision);
}

int compare_pep440(std::string_view a, std::string_view b) {
  Pep440 x = parse_pep440(a), y = parse_pep440(b);
  // Text that is not PEP 440 (a legacy version) sorts before every valid one,
  // as pip's packaging library sorted LegacyVersion.
  if (x.valid != y.valid) return x.valid ? 1 : -1;
  if (!x.valid) return compare_generic(a, b);
  return cmp_pep440(x, y);
}

const VersionScheme* version_scheme(std::string_view ecosystem) {
  std::string key = lower(trim(ecosystem));
  if (size_t colon = key.find(':'); colon != std::string::npos) key.resize(colon);  // "Debian:12"
  auto& s = schemes();
  std::lock_guard lock(s.mu);
  auto it = s.by_name.find(key);
  return it == s.by_name.end() ? nullptr : it->second;
}

void register_version_scheme(std::string_view ecosystem, const VersionScheme* scheme) {
  auto& s = schemes();
  std::lock_guard lock(s.mu);
  s.by_name[lower(ecosystem)] = scheme;
  s.display[lower(ecosystem)] = std::string(ecosystem);
}

std::vector<std::string> version_ecosystems() {
  auto& s = schemes();
  std::lock_guard lock(s.mu);
  std::vector<std::string> out;
  for (const auto& [k, v] : s.display) out.push_back(v);
  return out;
}

}  // namespace dd::kb
