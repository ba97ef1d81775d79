#pragma once
// The package database parsers: each a pure function over a file's contents
// (the caller reads at most the bound it gives; a longer file is cut there
// and parsed as far as it is whole). They never throw on bad input: what
// cannot be read is skipped, and `error` (when given) says why.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "image/packages/package.h"

namespace dd::image::packages {

// Largest file each parser wants, in bytes.
constexpr uint64_t kMaxDbBytes = 64ull << 20;       // dpkg status, apk installed, rpmdb.sqlite
constexpr uint64_t kMaxManifestBytes = 1ull << 20;  // METADATA, PKG-INFO, package.json, MANIFEST.MF

// dpkg /var/lib/dpkg/status, or one file of /var/lib/dpkg/status.d/
// (distroless: no Status field, every stanza is installed).
std::vector<Package> parse_dpkg_status(std::string_view text);
// apk /lib/apk/db/installed.
std::vector<Package> parse_apk_installed(std::string_view text);
// rpm /var/lib/rpm/rpmdb.sqlite (a whole SQLite file in memory).
std::vector<Package> parse_rpmdb_sqlite(std::string_view db, std::string* error = nullptr);
// One rpm header blob (as stored in the Packages table: index count, data
// length, index entries, data store); false when malformed.
bool parse_rpm_header(std::string_view blob, Package& out);
// Python *.dist-info/METADATA or *.egg-info/PKG-INFO; false without Name and Version.
bool parse_python_metadata(std::string_view text, Package& out);
// node_modules/**/package.json; false without name and version.
bool parse_npm_package_json(std::string_view text, Package& out);
// Whether `path` is a package's own manifest under node_modules
// (node_modules/NAME/package.json or node_modules/@SCOPE/NAME/package.json).
bool is_npm_manifest_path(std::string_view path);
// Java META-INF/MANIFEST.MF main attributes; false without a name and version.
bool parse_jar_manifest(std::string_view text, Package& out);
// META-INF/maven/GROUP/ARTIFACT/pom.properties; false without all three.
bool parse_pom_properties(std::string_view text, Package& out);

// /usr/share/doc/PKG/copyright in Debian's machine-readable format (DEP-5):
// the License: short names of the Files paragraphs (and the header), each
// once, joined with " AND " ("GPL-2+ AND BSD-3-clause"); "" for a free-form
// file (not guessed) or one without License fields.
std::string parse_debian_copyright(std::string_view text);

}  // namespace dd::image::packages
