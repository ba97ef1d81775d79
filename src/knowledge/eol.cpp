#include "knowledge/eol.h"
#include "core/text.h"

#include <cctype>
#include <vector>

namespace dd::kb {
namespace {

using SV = std::string_view;
using namespace std::string_view_literals;

// End of (security) support as each project publishes it:
//   Python      devguide.python.org/versions (end of security fixes)
//   Node.js     github.com/nodejs/release (end of maintenance)
//   Go          go.dev/doc/devel/release: a release is supported until two newer
//               majors exist, so 1.N ends when 1.N+2 is released (1.26 and 1.28:
//               the release cadence, early February and mid-August)
//   Ruby        ruby-lang.org/en/downloads/branches (end of security maintenance)
//   PHP         php.net/supported-versions.php (end of security support)
//   Temurin     adoptium.net/support: a feature release ends when the next ships
//   Debian      wiki.debian.org/LTS (end of LTS)
//   Ubuntu      ubuntu.com/about/release-cycle (end of standard support)
//   Alpine      alpinelinux.org/releases (end of the branch)
//   PostgreSQL  postgresql.org/support/versioning
//   MySQL       the MySQL lifecycle policy (innovation releases end at the next)
//   MongoDB     mongodb.com/legal/support-policy/lifecycles (major releases)
//   Redis       github.com/redis/redis SECURITY.md
// Each family below names its source and the day its rows were last compared
// with it; a row marked estimated carries a date projected from the
// project's policy and is replaced when the day is published.
//   nginx       nginx.org: only the current stable and mainline branches get fixes
// A release newer than every row is supported (not yet in the table): a
// missing row is a missed finding, never a false one.
const EolRelease kReleases[] = {
    {"python", "2.7", "", "2020-01-01"},
    {"python", "3.4", "", "2019-03-18"},
    {"python", "3.5", "", "2020-09-30"},
    {"python", "3.6", "", "2021-12-23"},
    {"python", "3.7", "", "2023-06-27"},
    {"python", "3.8", "", "2024-10-07"},
    {"python", "3.9", "", "2025-10-31"},
    {"python", "3.10", "", "2026-10-31"},
    {"python", "3.11", "", "2027-10-31"},
    {"python", "3.12", "", "2028-10-31"},
    {"python", "3.13", "", "2029-10-31"},
    {"python", "3.14", "", "2030-10-31"},

    {"node", "8", "", "2019-12-31"},
    {"node", "10", "", "2021-04-30"},
    {"node", "11", "", "2019-06-01", true},
    {"node", "12", "", "2022-04-30"},
    {"node", "13", "", "2020-06-01", true},
    {"node", "14", "", "2023-04-30"},
    {"node", "15", "", "2021-06-01", true},
    {"node", "16", "", "2023-09-11"},
    {"node", "17", "", "2022-06-01", true},
    {"node", "18", "", "2025-04-30"},
    {"node", "19", "", "2023-06-01", true},
    {"node", "20", "", "2026-04-30"},
    {"node", "21", "", "2024-06-01", true},
    {"node", "22", "", "2027-04-30"},
    {"node", "23", "", "2025-06-01", true},
    {"node", "24", "", "2028-04-30"},
    {"node", "25", "", "2026-06-01", true},
    {"node", "26", "", "2029-04-30", false, true},

    {"golang", "1.13", "", "2020-08-11"},
    {"golang", "1.14", "", "2021-02-16"},
    {"golang", "1.15", "", "2021-08-16"},
    {"golang", "1.16", "", "2022-03-15"},
    {"golang", "1.17", "", "2022-08-02"},
    {"golang", "1.18", "", "2023-02-01"},
    {"golang", "1.19", "", "2023-08-08"},
    {"golang", "1.20", "", "2024-02-06"},
    {"golang", "1.21", "", "2024-08-13"},
    {"golang", "1.22", "", "2025-02-11"},
    {"golang", "1.23", "", "2025-08-12"},
    {"golang", "1.24", "", "2026-02-11"},
    {"golang", "1.25", "", "2026-08-19"},  // Go 1.27.0 was tagged 2026-08-19
    {"golang", "1.26", "", "2027-02-10", false, true},
    {"golang", "1.27", "", "2027-08-10", false, true},

    {"ruby", "2.4", "", "2020-03-31"},
    {"ruby", "2.5", "", "2021-04-05"},
    {"ruby", "2.6", "", "2022-04-12"},
    {"ruby", "2.7", "", "2023-03-31"},
    {"ruby", "3.0", "", "2024-04-23"},
    {"ruby", "3.1", "", "2025-03-26"},
    {"ruby", "3.2", "", "2026-03-31"},
    {"ruby", "3.3", "", "2027-03-31"},
    {"ruby", "3.4", "", "2028-03-31"},
    {"ruby", "4.0", "", "2029-03-31", false, true},

    {"php", "5.6", "", "2018-12-31"},
    {"php", "7.0", "", "2019-01-10"},
    {"php", "7.1", "", "2019-12-01"},
    {"php", "7.2", "", "2020-11-30"},
    {"php", "7.3", "", "2021-12-06"},
    {"php", "7.4", "", "2022-11-28"},
    {"php", "8.0", "", "2023-11-26"},
    {"php", "8.1", "", "2025-12-31"},
    {"php", "8.2", "", "2026-12-31"},
    {"php", "8.3", "", "2027-12-31"},
    {"php", "8.4", "", "2028-12-31"},
    {"php", "8.5", "", "2029-12-31"},

    // The openjdk image is deprecated (early-access builds aside), java long gone.
    {"openjdk", "*", "", "2022-07-01"},
    {"java", "*", "", "2017-01-01"},
    // Temurin: the LTS releases are supported "at least" until the date
    // Adoptium publishes; a feature release ends when the next one ships.
    {"eclipse-temurin", "8", "", "2030-12-31"},
    {"eclipse-temurin", "11", "", "2027-10-31"},
    {"eclipse-temurin", "17", "", "2027-10-31"},
    {"eclipse-temurin", "21", "", "2029-12-31"},
    {"eclipse-temurin", "25", "", "2031-09-30"},
    {"eclipse-temurin", "18", "", "2022-09-20", true},
    {"eclipse-temurin", "19", "", "2023-03-21", true},
    {"eclipse-temurin", "20", "", "2023-09-19", true},
    {"eclipse-temurin", "22", "", "2024-09-17", true},
    {"eclipse-temurin", "23", "", "2025-03-18", true},
    {"eclipse-temurin", "24", "", "2025-09-16", true},
    {"eclipse-temurin", "26", "", "2026-09-15", true},

    {"debian", "6", "squeeze", "2016-02-29"},
    {"debian", "7", "wheezy", "2018-05-31"},
    {"debian", "8", "jessie", "2020-06-30"},
    {"debian", "9", "stretch", "2022-06-30"},
    {"debian", "10", "buster", "2024-06-30"},
    {"debian", "11", "bullseye", "2026-08-31"},
    {"debian", "12", "bookworm", "2028-06-30"},
    {"debian", "13", "trixie", "2030-06-30"},

    {"ubuntu", "12.04", "precise", "2017-04-28"},
    {"ubuntu", "14.04", "trusty", "2019-04-30"},
    {"ubuntu", "16.04", "xenial", "2021-04-30"},
    {"ubuntu", "16.10", "yakkety", "2017-07-20", true},
    {"ubuntu", "17.04", "zesty", "2018-01-13", true},
    {"ubuntu", "17.10", "artful", "2018-07-19", true},
    {"ubuntu", "18.04", "bionic", "2023-05-31"},
    {"ubuntu", "18.10", "cosmic", "2019-07-18", true},
    {"ubuntu", "19.04", "disco", "2020-01-23", true},
    {"ubuntu", "19.10", "eoan", "2020-07-17", true},
    {"ubuntu", "20.04", "focal", "2025-05-31"},
    {"ubuntu", "20.10", "groovy", "2021-07-22", true},
    {"ubuntu", "21.04", "hirsute", "2022-01-20", true},
    {"ubuntu", "21.10", "impish", "2022-07-14", true},
    {"ubuntu", "22.04", "jammy", "2027-04-01"},
    {"ubuntu", "22.10", "kinetic", "2023-07-20", true},
    {"ubuntu", "23.04", "lunar", "2024-01-25", true},
    {"ubuntu", "23.10", "mantic", "2024-07-11", true},
    {"ubuntu", "24.04", "noble", "2029-05-31"},
    {"ubuntu", "24.10", "oracular", "2025-07-10", true},
    {"ubuntu", "25.04", "plucky", "2026-01-15", true},
    {"ubuntu", "25.10", "questing", "2026-07-09", true},
    {"ubuntu", "26.04", "resolute", "2031-05-31", false, true},

    {"alpine", "3.7", "", "2019-11-01"},
    {"alpine", "3.8", "", "2020-05-01"},
    {"alpine", "3.9", "", "2020-11-01"},
    {"alpine", "3.10", "", "2021-05-01"},
    {"alpine", "3.11", "", "2021-11-01"},
    {"alpine", "3.12", "", "2022-05-01"},
    {"alpine", "3.13", "", "2022-11-01"},
    {"alpine", "3.14", "", "2023-05-01"},
    {"alpine", "3.15", "", "2023-11-01"},
    {"alpine", "3.16", "", "2024-05-23"},
    {"alpine", "3.17", "", "2024-11-22"},
    {"alpine", "3.18", "", "2025-05-09"},
    {"alpine", "3.19", "", "2025-11-01"},
    {"alpine", "3.20", "", "2026-04-01"},
    {"alpine", "3.21", "", "2026-11-01"},
    {"alpine", "3.22", "", "2027-05-01"},
    {"alpine", "3.23", "", "2027-11-01"},

    {"centos", "6", "", "2020-11-30"},
    {"centos", "7", "", "2024-06-30"},
    {"centos", "8", "", "2021-12-31"},
    {"centos", "*", "", "2024-06-30"},

    {"postgres", "9.4", "", "2020-02-13"},
    {"postgres", "9.5", "", "2021-02-11"},
    {"postgres", "9.6", "", "2021-11-11"},
    {"postgres", "10", "", "2022-11-10"},
    {"postgres", "11", "", "2023-11-09"},
    {"postgres", "12", "", "2024-11-21"},
    {"postgres", "13", "", "2025-11-13"},
    {"postgres", "14", "", "2026-11-12"},
    {"postgres", "15", "", "2027-11-11"},
    {"postgres", "16", "", "2028-11-09"},
    {"postgres", "17", "", "2029-11-08"},
    {"postgres", "18", "", "2030-11-14"},

    {"mysql", "5.5", "", "2018-12-31"},
    {"mysql", "5.6", "", "2021-02-28"},
    {"mysql", "5.7", "", "2023-10-31"},
    {"mysql", "8.0", "", "2026-04-30"},
    {"mysql", "8.1", "", "2023-10-25", true},
    {"mysql", "8.2", "", "2024-01-16", true},
    {"mysql", "8.3", "", "2024-04-30", true},
    {"mysql", "8.4", "", "2032-04-30"},
    {"mysql", "9.0", "", "2024-10-15", true},
    {"mysql", "9.1", "", "2025-01-21", true},
    {"mysql", "9.2", "", "2025-04-15", true},

    {"mongo", "3.0", "", "2018-02-28"},
    {"mongo", "3.2", "", "2018-09-30"},
    {"mongo", "3.4", "", "2020-01-31"},
    {"mongo", "3.6", "", "2021-04-30"},
    {"mongo", "4.0", "", "2022-04-30"},
    {"mongo", "4.2", "", "2023-04-30"},
    {"mongo", "4.4", "", "2024-02-29"},
    {"mongo", "5.0", "", "2024-10-31"},
    {"mongo", "6.0", "", "2025-07-31"},
    {"mongo", "7.0", "", "2027-08-31"},
    {"mongo", "8.0", "", "2029-10-31"},

    // Redis: security fixes reach the newest release and one major before it,
    // so a line ends when the second newer major ships (only the lines the
    // policy dates unambiguously).
    {"redis", "3.2", "", "2020-04-30"},
    {"redis", "4.0", "", "2020-04-30"},
    {"redis", "5.0", "", "2022-04-27"},
    {"redis", "6.0", "", "2023-08-15"},

    {"nginx", "1.16", "", "2020-04-21"},
    {"nginx", "1.17", "", "2020-04-21", true},
    {"nginx", "1.18", "", "2021-05-25"},
    {"nginx", "1.19", "", "2021-05-25", true},
    {"nginx", "1.20", "", "2022-05-24"},
    {"nginx", "1.21", "", "2022-05-24", true},
    {"nginx", "1.22", "", "2023-04-11"},
    {"nginx", "1.23", "", "2023-04-11", true},
    {"nginx", "1.24", "", "2024-04-23"},
    {"nginx", "1.25", "", "2024-04-23", true},
    {"nginx", "1.26", "", "2025-04-23"},
    {"nginx", "1.27", "", "2025-04-23", true},
};

// upgrade: {} is the newest supported release, {c} its code name; the tag's
// own variant is kept when the image keeps its name.
const EolFamily kFamilies[] = {
    {"python", "Python", "python:{}-slim", "devguide.python.org/versions", "2026-12-02"},
    {"node", "Node.js", "node:{}-slim", "github.com/nodejs/release, endoflife.date/nodejs", "2026-12-02"},
    {"golang", "Go", "golang:{}", "go.dev/doc/devel/release, endoflife.date/go", "2026-12-02"},
    {"ruby", "Ruby", "ruby:{}-slim", "ruby-lang.org/en/downloads/branches, endoflife.date/ruby", "2026-12-02"},
    {"php", "PHP", "php:{}-fpm-alpine", "php.net/supported-versions.php", "2026-12-02"},
    {"openjdk", "the openjdk image", "eclipse-temurin:21-jre", "hub.docker.com/_/openjdk (deprecation notice)", "2026-12-02"},
    {"java", "the java image", "eclipse-temurin:21-jre", "hub.docker.com/_/java (deprecation notice)", "2026-12-02"},
    {"eclipse-temurin", "Eclipse Temurin", "eclipse-temurin:21-jre", "adoptium.net/support, endoflife.date/eclipse-temurin", "2026-12-02"},
    {"debian", "Debian", "debian:{c}-slim", "wiki.debian.org/LTS", "2026-12-02"},
    {"ubuntu", "Ubuntu", "ubuntu:{}", "ubuntu.com/about/release-cycle, endoflife.date/ubuntu", "2026-12-02"},
    {"alpine", "Alpine", "alpine:{}", "alpinelinux.org/releases", "2026-12-02"},
    {"centos", "CentOS Linux", "rockylinux:9-minimal", "centos.org (end of CentOS Linux)", "2026-12-02"},
    {"postgres", "PostgreSQL", "postgres:{}", "postgresql.org/support/versioning", "2026-12-02"},
    {"mysql", "MySQL", "mysql:{}", "the MySQL lifecycle policy, endoflife.date/mysql", "2026-12-02"},
    {"mongo", "MongoDB", "mongo:{}", "mongodb.com/legal/support-policy/lifecycles", "2026-12-02"},
    {"redis", "Redis", "redis:8", "github.com/redis/redis SECURITY.md", "2026-12-02"},
    {"nginx", "nginx", "nginx:stable-alpine", "nginx.org/en/download.html", "2026-12-02"},
};

using dd::text::lower;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Leading "3.11.4" of "3.11.4-slim-bookworm"; "" when the tag starts otherwise.
SV version_prefix(SV tag) {
  size_t n = 0;
  while (n < tag.size() && (is_digit(tag[n]) || (tag[n] == '.' && n > 0 && is_digit(tag[n - 1])))) ++n;
  while (n > 0 && tag[n - 1] == '.') --n;
  return tag.substr(0, n);
}

// "3.11.4" -> {3, 11, 4}; empty when not a dotted number.
std::vector<long> components(SV v) {
  std::vector<long> out;
  long cur = 0;
  bool any = false;
  for (char c : v) {
    if (is_digit(c)) {
      if (cur > 100000000) return {};
      cur = cur * 10 + (c - '0');
      any = true;
    } else if (c == '.' && any) {
      out.push_back(cur);
      cur = 0;
      any = false;
    } else {
      return {};
    }
  }
  if (!any) return {};
  out.push_back(cur);
  return out;
}

int compare(const std::vector<long>& a, const std::vector<long>& b) {
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    long x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

Date date_of(const EolRelease& r) { return Date::parse(r.eol).value_or(Date{}); }

const EolFamily* family(SV image) {
  for (const auto& f : kFamilies)
    if (f.image == image) return &f;
  return nullptr;
}

std::string product(const EolRelease& r) {
  const EolFamily* f = family(r.image);
  std::string name = f ? std::string(f->product) : std::string(r.image);
  if (r.release == "*"sv) return name;
  name.push_back(' ');
  name.append(r.release);
  if (!r.codename.empty()) {
    name.append(" (");
    name.append(r.codename);
    name.push_back(')');
  }
  return name;
}

// The newest row of a family that is neither interim nor ended on `today`.
const EolRelease* newest_supported(SV image, Date today) {
  const EolRelease* best = nullptr;
  for (const auto& r : kReleases) {
    if (r.image != image || r.interim || r.release == "*"sv || date_of(r) <= today) continue;
    if (!best || compare(components(r.release), components(best->release)) > 0) best = &r;
  }
  return best;
}

// The verdict for a numeric version of a family: the row it belongs to; a
// release older than an ended (non-interim) one without its own row; a
// floating tag (python:3) only when its whole line has ended and a newer line
// exists (python:2).
// How a version met its row.
enum class Match { exact, line, older };

const EolRelease* find_release(SV image, SV version, Date today, Match* how = nullptr) {
  Match dummy;
  if (!how) how = &dummy;
  *how = Match::exact;
  const EolRelease* whole = nullptr;
  for (const auto& r : kReleases)
    if (r.image == image && r.release == "*"sv) whole = &r;
  auto v = components(version);
  if (v.empty()) return whole;
  bool in_family = false;
  // Exact row: the row's components are a prefix of the version's.
  for (const auto& r : kReleases) {
    if (r.image != image || r.release == "*"sv) continue;
    in_family = true;
    auto rc = components(r.release);
    if (rc.size() <= v.size() && std::equal(rc.begin(), rc.end(), v.begin())) return &r;
  }
  if (!in_family) return whole;
  // Floating: the version is a prefix of rows (python:3, postgres:9).
  bool floating = false, line_open = false, newer_line = false;
  const EolRelease* last_in_line = nullptr;
  for (const auto& r : kReleases) {
    if (r.image != image || r.release == "*"sv) continue;
    auto rc = components(r.release);
    if (rc.size() > v.size() && std::equal(v.begin(), v.end(), rc.begin())) {
      floating = true;
      if (date_of(r) > today) line_open = true;
      if (!last_in_line || date_of(r) > date_of(*last_in_line)) last_in_line = &r;
    } else if (compare(rc, v) > 0) {
      newer_line = true;
    }
  }
  if (floating) {
    if (!line_open && newer_line) {
      *how = Match::line;
      return last_in_line;
    }
    return whole;
  }
  // Between rows: older than an ended release.
  const EolRelease* older_than = nullptr;
  for (const auto& r : kReleases) {
    if (r.image != image || r.release == "*"sv || r.interim || date_of(r) > today) continue;
    if (compare(components(r.release), v) > 0 && (!older_than || date_of(r) < date_of(*older_than))) older_than = &r;
  }
  if (older_than) {
    *how = Match::older;
    return older_than;
  }
  return whole;
}

std::string fill(SV tmpl, const EolRelease* r) {
  std::string out(tmpl);
  for (auto [key, value] : {std::pair<SV, SV>{"{c}", r ? r->codename : SV()}, {"{}", r ? r->release : SV()}}) {
    size_t p = out.find(key);
    if (p != std::string::npos) out.replace(p, key.size(), value);
  }
  return out;
}

// The tag with every ended code name and alpineX.Y replaced by a supported
// one: "3.11-slim-buster" -> "3.11-slim-trixie".
std::string refresh_suffix(SV tag, Date today) {
  std::string out;
  size_t pos = 0;
  while (pos <= tag.size()) {
    size_t d = tag.find('-', pos);
    if (d == SV::npos) d = tag.size();
    std::string word(tag.substr(pos, d - pos));
    std::string lw = lower(word);
    for (const auto& r : kReleases)
      if (!r.codename.empty() && lw == r.codename && date_of(r) <= today)
        if (auto* n = newest_supported(r.image, today)) word = std::string(n->codename);
    if (lw.starts_with("alpine") && lw.size() > 6) {
      SV v = version_prefix(SV(lw).substr(6));
      if (!v.empty() && v.size() == lw.size() - 6)
        if (auto* r = find_release("alpine", v, today); r && date_of(*r) <= today)
          if (auto* n = newest_supported("alpine", today)) word = "alpine" + std::string(n->release);
    }
    out += (pos ? "-" : "") + word;
    pos = d + 1;
  }
  return out;
}

EolVerdict verdict(const EolRelease& r, Date today, const ImageRef* ref, SV version, Match how = Match::exact) {
  EolVerdict v;
  v.release = &r;
  v.eol = date_of(r);
  v.product = product(r);
  if (how != Match::exact && r.release != "*"sv) {
    // Judged by its row's neighbour: name the version as written.
    const EolFamily* fam = family(r.image);
    std::string own = (fam ? std::string(fam->product) : std::string(r.image)) + " " + std::string(version);
    v.why = how == Match::older
                ? own + " is older than " + v.product + ", which reached end of life on " + v.eol.str()
                : "every " + own + ".x release has reached end of life (the last, " + v.product + ", on " +
                      v.eol.str() + ")";
    v.product = own;
  } else if (r.release == "*"sv) {
    v.why = v.product + (r.image == "centos"sv ? " reached end of life (CentOS 7, the last release, on "
                                               : " is deprecated and gets no updates (since ") +
            v.eol.str().substr(0, 7) + ")";
  } else {
    v.why = v.product + " reached end of life on " + v.eol.str();
  }
  // Rocky Linux and AlmaLinux both continue CentOS; the fix names one.
  if (r.image == "centos"sv) v.why += "; Rocky Linux and AlmaLinux are its rebuilds";
  const EolFamily* f = family(r.image);
  const EolRelease* next = newest_supported(r.image, today);
  if (ref && !version.empty() && next && r.release != "*"sv && ref->path == r.image) {
    // Same image, newer release, same variant: python:3.8-slim-buster -> python:3.14-slim-trixie.
    std::string rest = refresh_suffix(SV(ref->tag).substr(version.size()), today);
    std::string rel(next->release);
    v.upgrade = (ref->registry.empty() ? "" : ref->registry + "/") + ref->path + ":" + rel + rest;
  } else if (f) {
    v.upgrade = fill(f->upgrade, next);
    if (v.upgrade.find(":-") != std::string::npos || v.upgrade.ends_with(":")) v.upgrade.clear();
  }
  // The openjdk and java images: Eclipse Temurin of the same Java release
  // when that release is supported there (openjdk:8u181-jdk-alpine ->
  // eclipse-temurin:8-jdk-alpine), a jdk kept a jdk and alpine kept alpine.
  if (ref && (r.image == "openjdk"sv || r.image == "java"sv)) {
    std::string tag = lower(ref->tag);
    SV major = version_prefix(tag);
    if (size_t dot = major.find('.'); dot != SV::npos) major = major.substr(0, dot);
    bool lts = false;
    for (const auto& t : kReleases)
      if (t.image == "eclipse-temurin"sv && !t.interim && t.release == major && date_of(t) > today) lts = true;
    if (lts) {
      bool jdk = tag.find("jdk") != std::string::npos && tag.find("jre") == std::string::npos;
      v.upgrade = "eclipse-temurin:" + std::string(major) + (jdk ? "-jdk" : "-jre") +
                  (tag.find("alpine") != std::string::npos ? "-alpine" : "");
    }
  }
  return v;
}

}  // namespace

std::span<const EolRelease> eol_releases() { return kReleases; }
std::span<const EolFamily> eol_families() { return kFamilies; }

std::string eol_upgrade(std::string_view image, Date today) {
  const EolFamily* f = family(image);
  if (!f) return {};
  std::string out = fill(f->upgrade, newest_supported(image, today));
  return out.find(":-") != std::string::npos || out.ends_with(":") ? std::string() : out;
}

std::string eol_newest(std::string_view image, Date today) {
  const EolRelease* r = newest_supported(lower(image), today);
  return r ? std::string(r->release) : std::string();
}

std::optional<EolVerdict> eol_verdict(std::string_view image, std::string_view version, Date today) {
  std::string img = lower(image);
  Match how = Match::exact;
  SV v = version_prefix(version);
  const EolRelease* r = find_release(img, v, today, &how);
  if (!r || date_of(*r) > today) {
    how = Match::exact;
    // A code name as the version (VERSION_CODENAME-style input, ubuntu:bionic).
    for (const auto& c : kReleases)
      if (c.image == img && !c.codename.empty() && lower(version) == c.codename) r = &c;
  }
  if (!r || date_of(*r) > today) return std::nullopt;
  return verdict(*r, today, nullptr, v, how);
}

std::optional<EolVerdict> eol_verdict(const ImageRef& ref, Date today) {
  const std::string path = lower(ref.path);
  const std::string tag = lower(ref.tag);
  // Early-access builds of openjdk are still published.
  auto has_word = [&](SV w) {
    size_t pos = 0;
    while (pos <= tag.size()) {
      size_t d = tag.find('-', pos);
      if (d == std::string::npos) d = tag.size();
      if (SV(tag).substr(pos, d - pos) == w) return true;
      pos = d + 1;
    }
    return false;
  };
  SV version = version_prefix(ref.tag);
  if (family(path) && !(path == "openjdk" && has_word("ea"))) {
    Match how = Match::exact;
    if (const EolRelease* r = find_release(path, version, today, &how); r && date_of(*r) <= today)
      return verdict(*r, today, &ref, version, how);
  }
  // Code names and alpine branches inside the tag: python:3.8-buster,
  // node:16-stretch, ubuntu:bionic, python:3.12-alpine3.16.
  size_t pos = 0;
  while (pos <= tag.size()) {
    size_t d = tag.find('-', pos);
    if (d == std::string::npos) d = tag.size();
    SV word = SV(tag).substr(pos, d - pos);
    pos = d + 1;
    for (const auto& r : kReleases)
      if (!r.codename.empty() && word == r.codename && date_of(r) <= today) {
        EolVerdict v = verdict(r, today, nullptr, {});
        v.upgrade = (ref.registry.empty() ? "" : ref.registry + "/") + ref.path + ":" + refresh_suffix(ref.tag, today);
        return v;
      }
    if (word.starts_with("alpine") && word.size() > 6) {
      SV v = version_prefix(word.substr(6));
      if (v.empty() || v.size() != word.size() - 6) continue;
      Match how = Match::exact;
      if (const EolRelease* r = find_release("alpine", v, today, &how); r && date_of(*r) <= today) {
        EolVerdict out = verdict(*r, today, nullptr, v, how);
        out.upgrade = (ref.registry.empty() ? "" : ref.registry + "/") + ref.path + ":" + refresh_suffix(ref.tag, today);
        return out;
      }
    }
  }
  return std::nullopt;
}

}  // namespace dd::kb
