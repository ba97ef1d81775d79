#pragma once
// Versions and how each ecosystem orders them. One comparator per ordering,
// chosen by OSV ecosystem name; the vulnerability work adds its ecosystems by
// registering a VersionScheme (Alpine, Red Hat, Maven, ...).
//
//   generic  dotted: numbers numerically, words alphabetically ("3.10" > "3.9")
//   semver   semver 2.0.0 (npm, Go, crates.io): leading v, pre-releases, build ignored
//   dpkg     Debian policy 5.6.12 (Debian, Ubuntu): epoch, upstream, revision, '~'
//   pep440   PEP 440 (PyPI): epoch, pre/post/dev releases, local versions
#include <string>
#include <string_view>
#include <vector>

namespace dd::kb {

class VersionScheme {
 public:
  virtual ~VersionScheme() = default;
  virtual std::string_view name() const = 0;
  // -1, 0 or 1. Never throws: text that is not a version of the scheme is
  // ordered as the scheme's tools order it (PyPI: before every valid one).
  virtual int compare(std::string_view a, std::string_view b) const = 0;
};

// The ordering of an OSV ecosystem ("Debian", "PyPI", "npm", "Go",
// "crates.io", "Ubuntu") or of a scheme by name ("generic", "semver", "dpkg",
// "pep440"); case-insensitive; a "Debian:12" suffix is ignored. nullptr when
// no ordering is known for it.
const VersionScheme* version_scheme(std::string_view ecosystem);
// Adds (or replaces) the ordering of an ecosystem. The scheme must outlive
// every use (a static object).
void register_version_scheme(std::string_view ecosystem, const VersionScheme* scheme);
// The names version_scheme() answers for, sorted.
std::vector<std::string> version_ecosystems();

// The orderings themselves.
int compare_generic(std::string_view a, std::string_view b);
int compare_semver(std::string_view a, std::string_view b);
int compare_dpkg(std::string_view a, std::string_view b);
int compare_pep440(std::string_view a, std::string_view b);

// A version with its ordering: comparisons go through the scheme.
class Version {
 public:
  Version(std::string text, const VersionScheme& scheme) : text_(std::move(text)), scheme_(&scheme) {}
  const std::string& text() const { return text_; }
  const VersionScheme& scheme() const { return *scheme_; }
  int compare(const Version& o) const { return scheme_->compare(text_, o.text_); }
  bool operator<(const Version& o) const { return compare(o) < 0; }
  bool operator==(const Version& o) const { return compare(o) == 0; }

 private:
  std::string text_;
  const VersionScheme* scheme_;
};

}  // namespace dd::kb
