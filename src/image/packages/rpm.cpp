#include <sqlite3.h>

#include <cstring>
#include <memory>

#include "image/packages/parsers.h"

namespace dd::image::packages {
namespace {

uint32_t be32(const unsigned char* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

enum : uint32_t {
  kTagName = 1000,
  kTagVersion = 1001,
  kTagRelease = 1002,
  kTagEpoch = 1003,
  kTagLicense = 1014,
  kTagArch = 1022,
  kTagSourceRpm = 1044,
};
enum : uint32_t { kTypeInt32 = 4, kTypeString = 6, kTypeStringArray = 8, kTypeI18n = 9 };

// "openssl-3.0.7-24.el9.src.rpm" -> "openssl", "3.0.7-24.el9"
void split_source_rpm(const std::string& srpm, std::string& name, std::string& version) {
  std::string s = srpm;
  for (const char* suf : {".src.rpm", ".nosrc.rpm"})
    if (s.size() > strlen(suf) && s.ends_with(suf)) {
      s.resize(s.size() - strlen(suf));
      break;
    }
  size_t rel = s.rfind('-');
  if (rel == std::string::npos || rel == 0) return;
  size_t ver = s.rfind('-', rel - 1);
  if (ver == std::string::npos || ver == 0) return;
  name = s.substr(0, ver);
  version = s.substr(ver + 1);
}

}  // namespace

bool parse_rpm_header(std::string_view blob, Package& out) {
  auto p = reinterpret_cast<const unsigned char*>(blob.data());
  if (blob.size() < 8) return false;
  uint64_t il = be32(p), dl = be32(p + 4);
  if (il == 0 || il > (1u << 20) || dl > (256u << 20)) return false;
  uint64_t data_start = 8 + il * 16;
  if (data_start > blob.size() || dl > blob.size() - data_start) return false;
  const unsigned char* data = p + data_start;
  std::string name, version, release, epoch, arch, license, srpm;
  for (uint64_t i = 0; i < il; ++i) {
    const unsigned char* e = p + 8 + i * 16;
    uint32_t tag = be32(e), type = be32(e + 4), off = be32(e + 8), count = be32(e + 12);
    if (off >= dl) continue;
    std::string* target = nullptr;
    switch (tag) {
      case kTagName: target = &name; break;
      case kTagVersion: target = &version; break;
      case kTagRelease: target = &release; break;
      case kTagLicense: target = &license; break;
      case kTagArch: target = &arch; break;
      case kTagSourceRpm: target = &srpm; break;
      case kTagEpoch:
        if (type == kTypeInt32 && count >= 1 && off % 4 == 0 && off + 4 <= dl) epoch = std::to_string(be32(data + off));
        continue;
      default: continue;
    }
    if (type != kTypeString && type != kTypeStringArray && type != kTypeI18n) continue;
    const void* z = memchr(data + off, '\0', dl - off);
    if (!z) continue;
    target->assign(reinterpret_cast<const char*>(data + off), static_cast<const unsigned char*>(z) - (data + off));
  }
  if (name.empty() || version.empty()) return false;
  out = Package{};
  out.type = "rpm";
  out.name = name;
  out.version = release.empty() ? version : version + "-" + release;
  out.epoch = epoch;
  out.arch = arch;
  out.license = license;
  out.origin = srpm;
  if (!srpm.empty()) split_source_rpm(srpm, out.source, out.source_version);
  if (out.source.empty()) out.source = name;
  return true;
}

std::vector<Package> parse_rpmdb_sqlite(std::string_view db, std::string* error) {
  std::vector<Package> out;
  auto fail = [&](std::string why) {
    if (error) *error = std::move(why);
    return out;
  };
  if (db.size() < 100 || db.substr(0, 16) != std::string_view("SQLite format 3\0", 16)) return fail("not an SQLite database");
  if (db.size() > kMaxDbBytes) return fail("rpm database larger than the bound");
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);
    return fail("cannot open an in-memory database");
  }
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> con(raw, sqlite3_close);
  // The caller's bytes, read in place (no copy): read-only, not owned, so
  // sqlite neither writes nor frees them; they outlive the connection.
  // rpm writes its database in WAL mode, which sqlite's in-memory files do
  // not support: a copy with the header's read/write versions (bytes 18, 19)
  // set back to 1 (rollback journal) is read instead, as the file reads
  // once its WAL is checkpointed.
  std::string patched;
  if (db[18] == 2 || db[19] == 2) {
    patched.assign(db);
    patched[18] = patched[19] = 1;
    db = patched;
  }
  auto* buf = reinterpret_cast<unsigned char*>(const_cast<char*>(db.data()));
  if (sqlite3_deserialize(raw, "main", buf, db.size(), db.size(), SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
    return fail("cannot read the SQLite file");
  // A hostile file must not make sqlite run for long or grow without end.
  sqlite3_limit(raw, SQLITE_LIMIT_LENGTH, 256 << 20);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(raw, "SELECT blob FROM Packages", -1, &st, nullptr) != SQLITE_OK) {
    sqlite3_finalize(st);
    return fail(std::string("no Packages table: ") + sqlite3_errmsg(raw));
  }
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const void* b = sqlite3_column_blob(st, 0);
    int n = sqlite3_column_bytes(st, 0);
    if (!b || n <= 0) continue;
    Package p;
    if (parse_rpm_header(std::string_view(static_cast<const char*>(b), n), p)) {
      // gpg-pubkey entries are keys, not packages.
      if (p.name == "gpg-pubkey") continue;
      out.push_back(std::move(p));
    }
    if (out.size() > 200000) break;
  }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW && error) *error = std::string("rpm database: ") + sqlite3_errmsg(raw);
  sqlite3_finalize(st);
  return out;
}

}  // namespace dd::image::packages
