#pragma once
// End of life of operating systems and runtimes, one row per release with
// its published date. The verdict is computed from today's date (Clock), so
// the table never silently goes stale: a row turns end-of-life on its date.
//
// Tags that float (python:3, python:3-alpine, node:lts, alpine, latest) are
// never end-of-life: they follow the newest release of their line.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "knowledge/clock.h"
#include "knowledge/image_ref.h"

namespace dd::kb {

struct EolRelease {
  std::string_view image;     // repository name: python, node, debian, ...
  std::string_view release;   // "3.8", "16", "10", "22.04"; "*" = every tag of the image
  std::string_view codename;  // buster, focal, ... ("" when none)
  std::string_view eol;       // end of (security) support, "YYYY-MM-DD"
  bool interim = false;       // a short-lived release (odd Node, Ubuntu non-LTS, MySQL innovation)
  bool estimated = false;     // the project has not published the day yet: projected from its policy
                              // (replace it with the published date once the day has passed)
};
std::span<const EolRelease> eol_releases();

// What each image family is called and what to move to.
struct EolFamily {
  std::string_view image;     // python
  std::string_view product;   // "Python"
  std::string_view upgrade;   // "python:{}-slim": {} is the newest supported release; no {} = fixed
  std::string_view source;    // where the dates of its rows were read
  std::string_view checked;   // "YYYY-MM-DD": when they were last compared with that source
};
std::span<const EolFamily> eol_families();

struct EolVerdict {
  const EolRelease* release = nullptr;  // the row that decided
  std::string product;  // "Python 3.9", "Debian 10 (buster)"
  Date eol;             // the date it ended
  std::string why;      // "Python 3.9 reached end of life on 2025-10-31"
  std::string upgrade;  // a supported reference to move to: "python:3.14-slim", "python:3.11-trixie"
};

// Whether the image is end-of-life on `today`: its version (python:3.9.18,
// debian:10, ubuntu:18.04), a code name inside its tag (python:3.11-buster,
// ubuntu:bionic), or an alpine branch in it (python:3.12-alpine3.16).
std::optional<EolVerdict> eol_verdict(const ImageRef& ref, Date today);
inline std::optional<EolVerdict> eol_verdict(const ImageRef& ref) { return eol_verdict(ref, Clock::today()); }

// The same for a release known by other means: /etc/os-release (ID=debian,
// VERSION_ID=10) or a runtime's version variable (NODE_VERSION=18.19.0).
std::optional<EolVerdict> eol_verdict(std::string_view image, std::string_view version, Date today);

// The newest supported, non-interim release of a family on `today` as an
// image reference ("python:3.14-slim"), or "" when the family is unknown.
std::string eol_upgrade(std::string_view image, Date today);
// The newest supported, non-interim release of a family on `today` ("3.14",
// "22.04"), or "" when the family has none.
std::string eol_newest(std::string_view image, Date today);

}  // namespace dd::kb
