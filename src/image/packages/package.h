#pragma once
// The package inventory of an image: one Package per installed package,
// whatever ecosystem recorded it. The vulnerability work matches these.
#include <string>
#include <string_view>
#include <vector>

namespace dd::image::packages {

struct Package {
  std::string type;     // purl type: deb, apk, rpm, pypi, npm, golang, maven
  std::string name;
  std::string version;  // as the ecosystem writes it (deb: [epoch:]upstream[-revision])
  std::string source;   // source package name ("" when the same as name or unknown)
  std::string source_version;  // source package version when it differs
  std::string arch;     // deb/apk/rpm architecture
  std::string license;  // "" when unknown
  std::string layer;    // digest of the layer that holds the record
  std::string path;     // the file the record was read from
  std::string purl;     // per the purl spec
  std::string origin;   // apk origin, rpm source rpm, Go main module...; informational
  std::string epoch;    // rpm epoch, "" when none
  std::string namespace_;  // purl namespace: distro id, maven group, npm scope
};

// The distribution, from /etc/os-release (or /usr/lib/os-release).
struct Distro {
  std::string id;          // debian, alpine, ubuntu, rhel, fedora...
  std::string version_id;  // 12, 3.19.1
  std::string version_codename;
  std::string pretty_name;
  bool known() const { return !id.empty(); }
};

Distro parse_os_release(std::string_view text);

// Percent-encodes a purl component (everything but unreserved characters and,
// when `keep_slash`, '/').
std::string purl_encode(std::string_view s, bool keep_slash = false);
// Fills pkg.purl from its type, namespace, name, version and qualifiers.
void set_purl(Package& pkg, const Distro& distro);

}  // namespace dd::image::packages
