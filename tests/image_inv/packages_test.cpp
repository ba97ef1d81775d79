#include <gtest/gtest.h>

#include <map>
#include <set>

#include "image/packages/parsers.h"
#include "image/packages/zip.h"
#include "inv_util.h"

namespace dd::image::packages {
namespace {

using dd::test::RunResult;
using dd::test::TempDir;
using dd::test::run;
using namespace dd::test::inv;

TEST(Dpkg, HostStatusMatchesDpkgQuery) {
  std::string status = slurp("/var/lib/dpkg/status");
  ASSERT_FALSE(status.empty());
  auto pkgs = parse_dpkg_status(status);
  RunResult q = run({"dpkg-query", "-W", "-f",
                     "${db:Status-Abbrev}|${Package}|${Version}|${Architecture}|${source:Package}|${source:Version}\n"});
  ASSERT_EQ(q.status, 0) << q.err;
  std::map<std::string, std::vector<std::string>> want;
  std::istringstream lines(q.out);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '|');) f.push_back(x);
    if (f.size() == 6 && f[0].size() >= 2 && f[0][1] == 'i') want[f[1] + ":" + f[3]] = f;
  }
  ASSERT_GT(want.size(), 50u);
  std::map<std::string, const Package*> got;
  for (const auto& p : pkgs) got[p.name + ":" + p.arch] = &p;
  EXPECT_EQ(got.size(), want.size());
  int with_source_version = 0;
  for (const auto& [key, f] : want) {
    auto it = got.find(key);
    ASSERT_NE(it, got.end()) << key;
    EXPECT_EQ(it->second->version, f[2]) << key;
    EXPECT_EQ(it->second->source, f[4]) << key;
    EXPECT_EQ(it->second->source_version, f[5]) << key;
    with_source_version += f[5] != f[2];
  }
  EXPECT_GT(with_source_version, 0);  // the "Source: name (version)" form is exercised
}

TEST(Dpkg, DistrolessStatusDHasNoStatusField) {
  // One stanza of the host's real status, as distroless writes it to status.d/NAME.
  std::string status = slurp("/var/lib/dpkg/status");
  size_t a = status.find("Package: libc6\n");
  ASSERT_NE(a, std::string::npos);
  size_t b = status.find("\n\n", a);
  std::string stanza = status.substr(a, b - a + 1);
  size_t s = stanza.find("Status: ");
  stanza.erase(s, stanza.find('\n', s) - s + 1);
  auto pkgs = parse_dpkg_status(stanza);
  ASSERT_EQ(pkgs.size(), 1u);
  EXPECT_EQ(pkgs[0].name, "libc6");
  EXPECT_EQ(pkgs[0].source, "glibc");
  Distro d = parse_os_release(slurp("/etc/os-release"));
  EXPECT_EQ(d.id, "debian");
  EXPECT_EQ(d.version_id, "12");
  set_purl(pkgs[0], d);
  EXPECT_TRUE(pkgs[0].purl.starts_with("pkg:deb/debian/libc6@")) << pkgs[0].purl;
  EXPECT_NE(pkgs[0].purl.find("?arch=amd64&distro=debian-12&upstream=glibc"), std::string::npos) << pkgs[0].purl;
  // Removed packages leave "deinstall ok config-files": not installed.
  EXPECT_TRUE(parse_dpkg_status("Package: x\nStatus: deinstall ok config-files\nVersion: 1\n").empty());
}

TEST(Apk, InstalledDatabase) {
  // The format apk-tools writes (apk-spec: one letter, a colon, the value).
  const char* db =
      "C:Q1Y0Oa6hJnsfWYaXJzPg5ndHDmqOI=\nP:musl\nV:1.2.4-r2\nA:x86_64\nS:383152\nI:622592\nT:the musl c library (libc) implementation\n"
      "U:https://musl.libc.org/\nL:MIT\no:musl\nm:Timo Teräs <timo.teras@iki.fi>\nt:1698084367\nc:ffeb2d8d\nF:lib\nR:ld-musl-x86_64.so.1\n\n"
      "C:Q1abc=\nP:libcrypto3\nV:3.1.4-r1\nA:x86_64\nL:Apache-2.0\no:openssl\n\n";
  auto pkgs = parse_apk_installed(db);
  ASSERT_EQ(pkgs.size(), 2u);
  EXPECT_EQ(pkgs[1].name, "libcrypto3");
  EXPECT_EQ(pkgs[1].source, "openssl");
  EXPECT_EQ(pkgs[1].license, "Apache-2.0");
  Distro d = parse_os_release("NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n");
  set_purl(pkgs[1], d);
  EXPECT_EQ(pkgs[1].purl, "pkg:apk/alpine/libcrypto3@3.1.4-r1?arch=x86_64&distro=alpine-3.19.1");
}

// An rpm header blob per the rpm file format: index count, data length,
// 16-byte index entries (tag, type, offset, count; big endian), data store.
std::string rpm_header(const std::vector<std::tuple<uint32_t, uint32_t, std::string>>& tags) {
  std::string index, data;
  auto be = [](std::string& s, uint32_t v) {
    for (int i = 3; i >= 0; --i) s += static_cast<char>((v >> (8 * i)) & 0xff);
  };
  for (const auto& [tag, type, value] : tags) {
    if (type == 4)
      while (data.size() % 4) data += '\0';
    be(index, tag);
    be(index, type);
    be(index, static_cast<uint32_t>(data.size()));
    be(index, 1);
    data += value;
  }
  std::string out;
  be(out, static_cast<uint32_t>(tags.size()));
  be(out, static_cast<uint32_t>(data.size()));
  return out + index + data;
}

TEST(Rpm, SqliteDatabaseWithHeaderBlobs) {
  std::string epoch("\0\0\0\x01", 4);
  std::string h1 = rpm_header({{1000, 6, std::string("openssl-libs\0", 13)},
                               {1001, 6, std::string("3.0.7\0", 6)},
                               {1002, 6, std::string("24.el9\0", 7)},
                               {1003, 4, epoch},
                               {1014, 6, std::string("ASL 2.0\0", 8)},
                               {1022, 6, std::string("x86_64\0", 7)},
                               {1044, 6, std::string("openssl-3.0.7-24.el9.src.rpm\0", 29)}});
  std::string h2 = rpm_header({{1000, 6, std::string("gpg-pubkey\0", 11)}, {1001, 6, std::string("fd431d51\0", 9)}});
  TempDir tmp;
  auto dbpath = tmp.path() / "rpmdb.sqlite";
  auto hex = [](const std::string& s) {
    std::string o;
    char b[3];
    for (unsigned char c : s) snprintf(b, 3, "%02x", c), o += b;
    return o;
  };
  std::string sql = "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL);"
                    "INSERT INTO Packages(blob) VALUES (x'" + hex(h1) + "'), (x'" + hex(h2) + "');";
  RunResult r = run({"python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                     dbpath.string(), sql});
  ASSERT_EQ(r.status, 0) << r.err;
  std::string err;
  auto pkgs = parse_rpmdb_sqlite(slurp(dbpath), &err);
  ASSERT_EQ(pkgs.size(), 1u) << err;
  EXPECT_EQ(pkgs[0].name, "openssl-libs");
  EXPECT_EQ(pkgs[0].version, "3.0.7-24.el9");
  EXPECT_EQ(pkgs[0].epoch, "1");
  EXPECT_EQ(pkgs[0].source, "openssl");
  EXPECT_EQ(pkgs[0].source_version, "3.0.7-24.el9");
  EXPECT_EQ(pkgs[0].license, "ASL 2.0");
  Distro d = parse_os_release("ID=\"rhel\"\nVERSION_ID=\"9.3\"\n");
  set_purl(pkgs[0], d);
  EXPECT_EQ(pkgs[0].purl, "pkg:rpm/rhel/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=rhel-9.3&epoch=1");
  // Not a database / no table: an error, no crash.
  EXPECT_TRUE(parse_rpmdb_sqlite("garbage", &err).empty());
  EXPECT_FALSE(err.empty());
  Package p;
  EXPECT_FALSE(parse_rpm_header(h1.substr(0, 40), p));
  // rpm keeps its database in WAL mode.
  auto wal = tmp.path() / "wal.sqlite";
  r = run({"python3", "-c",
           "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA journal_mode=WAL'); c.executescript(sys.argv[2]); c.commit(); c.close()",
           wal.string(), sql});
  ASSERT_EQ(r.status, 0) << r.err;
  std::string walbytes = slurp(wal);
  ASSERT_EQ(walbytes[18], 2);  // really WAL
  err.clear();
  auto wpkgs = parse_rpmdb_sqlite(walbytes, &err);
  ASSERT_EQ(wpkgs.size(), 1u) << err;
  EXPECT_EQ(wpkgs[0].name, "openssl-libs");
}

TEST(Python, HostDistInfoAndEggInfoMatchImportlib) {
  const std::string dir = "/usr/lib/python3/dist-packages/";
  for (const auto& [meta, dist] : std::vector<std::pair<std::string, std::string>>{
           {"PyYAML-6.0.dist-info/METADATA", "PyYAML"}, {"PyJWT-2.6.0.egg-info/PKG-INFO", "PyJWT"},
           {"cryptography-38.0.4.dist-info/METADATA", "cryptography"}}) {
    std::string text = slurp(dir + meta);
    if (text.empty()) GTEST_SKIP() << dir + meta << " is not on this host";
    Package p;
    ASSERT_TRUE(parse_python_metadata(text, p)) << meta;
    // The oracle: importlib.metadata reading the same folder.
    std::string folder = dir + meta.substr(0, meta.find('/'));
    RunResult v = run({"python3", "-c", "import importlib.metadata as m,pathlib,sys; print(m.PathDistribution(pathlib.Path(sys.argv[1])).version)", folder});
    ASSERT_EQ(v.status, 0) << v.err;
    EXPECT_EQ(p.version + "\n", v.out) << meta;
    EXPECT_EQ(p.name, dist);
    Distro none;
    set_purl(p, none);
    EXPECT_TRUE(p.purl.starts_with("pkg:pypi/")) << p.purl;
  }
  Package y;
  ASSERT_TRUE(parse_python_metadata(slurp(dir + "PyYAML-6.0.dist-info/METADATA"), y));
  EXPECT_EQ(y.license, "MIT");
  set_purl(y, {});
  EXPECT_EQ(y.purl, "pkg:pypi/pyyaml@6.0");
}

TEST(Npm, DebianNodePackageJson) {
  std::string text = slurp("/usr/share/nodejs/spdx-license-ids/package.json");
  ASSERT_FALSE(text.empty());
  Package p;
  ASSERT_TRUE(parse_npm_package_json(text, p));
  EXPECT_EQ(p.name, "spdx-license-ids");
  EXPECT_EQ(p.license, "CC0-1.0");
  RunResult v = run({"python3", "-c", "import json,sys; print(json.load(open(sys.argv[1]))['version'])",
                     "/usr/share/nodejs/spdx-license-ids/package.json"});
  EXPECT_EQ(p.version + "\n", v.out);
  Package s;
  ASSERT_TRUE(parse_npm_package_json(R"({"name":"@angular/core","version":"17.0.1","license":{"type":"MIT"}})", s));
  set_purl(s, {});
  EXPECT_EQ(s.purl, "pkg:npm/%40angular/core@17.0.1");
  EXPECT_EQ(s.license, "MIT");
  EXPECT_FALSE(parse_npm_package_json(R"({"type":"module"})", s));
  EXPECT_FALSE(parse_npm_package_json("{not json", s));
  EXPECT_TRUE(is_npm_manifest_path("/app/node_modules/express/package.json"));
  EXPECT_TRUE(is_npm_manifest_path("/app/node_modules/@types/node/package.json"));
  EXPECT_TRUE(is_npm_manifest_path("/app/node_modules/a/node_modules/b/package.json"));
  EXPECT_FALSE(is_npm_manifest_path("/app/node_modules/express/lib/package.json"));
  EXPECT_FALSE(is_npm_manifest_path("/app/package.json"));
  EXPECT_FALSE(is_npm_manifest_path("/app/node_modules/@types/package.json"));
}

std::vector<Package> scan_jar(const std::string& bytes, size_t chunk) {
  JarScanner z;
  for (size_t o = 0; o < bytes.size(); o += chunk)
    if (!z.feed(std::string_view(bytes).substr(o, chunk))) break;
  return z.finish();
}

TEST(Jar, DebianJarStreamed) {
  std::string jar = slurp("/usr/share/java/commons-io-2.11.0.jar");
  if (jar.empty()) GTEST_SKIP() << "libcommons-io-java is not installed";
  for (size_t chunk : {1ul, 100ul, 65536ul, 1ul << 20}) {
    auto pkgs = scan_jar(jar, chunk);
    ASSERT_EQ(pkgs.size(), 1u) << chunk;
    EXPECT_EQ(pkgs[0].namespace_, "commons-io");
    EXPECT_EQ(pkgs[0].name, "commons-io");
    EXPECT_EQ(pkgs[0].version, "2.11.0");
    set_purl(pkgs[0], {});
    EXPECT_EQ(pkgs[0].purl, "pkg:maven/commons-io/commons-io@2.11.0");
  }
}

TEST(Jar, DataDescriptorsNestedJarsAndManifestOnly) {
  // Python's zipfile writes data descriptors when the output is not seekable;
  // a fat jar holds a stored nested jar with a pom and a manifest-only one.
  TempDir tmp;
  auto out = tmp.path() / "fat.jar";
  const char* script = R"(
import io, sys, zipfile
class Unseekable(io.RawIOBase):
    def __init__(self, f): self.f = f
    def writable(self): return True
    def write(self, b): return self.f.write(b)
def jar(files, method, unseekable):
    buf = io.BytesIO()
    target = Unseekable(buf) if unseekable else buf
    with zipfile.ZipFile(target, 'w', method) as z:
        for n, d in files: z.writestr(n, d)
    return buf.getvalue()
inner = jar([('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\n'),
             ('META-INF/maven/org.example/inner/pom.properties', '#x\ngroupId=org.example\nartifactId=inner\nversion=1.2.3\n')],
            zipfile.ZIP_DEFLATED, True)
plain = jar([('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\nImplementation-Title: plain-lib\r\nImplementation-Version: 4.5\r\nImplementation-Vendor-Id: org.plain\r\n\r\n')],
            zipfile.ZIP_DEFLATED, False)
with open(sys.argv[1], 'wb') as f:
    f.write(jar([('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\nImplementation-Title: app\r\nImplementation-Version: 9\r\n'),
                 ('BOOT-INF/classes/x.class', b'\xca\xfe\xba\xbe' * 1000),
                 ('BOOT-INF/lib/inner-1.2.3.jar', inner), ('BOOT-INF/lib/plain-4.5.jar', plain)],
                zipfile.ZIP_DEFLATED, True))
)";
  RunResult r = run({"python3", "-c", script, out.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  std::string jar = slurp(out);
  auto pkgs = scan_jar(jar, 333);
  std::set<std::string> names;
  for (const auto& p : pkgs) names.insert(p.namespace_ + ":" + p.name + "@" + p.version);
  EXPECT_EQ(names, (std::set<std::string>{":app@9", "org.example:inner@1.2.3", "org.plain:plain-lib@4.5"}));
  // Truncated anywhere: no crash, a subset.
  for (size_t n = 0; n < jar.size(); n += 97) (void)scan_jar(jar.substr(0, n), 4096);
}

TEST(Purl, EncodingPerTheSpec) {
  Package p;
  p.type = "deb";
  p.name = "libstdc++6";
  p.version = "1:12.2.0-14";
  p.arch = "amd64";
  set_purl(p, parse_os_release("ID=debian\nVERSION_ID=\"12\"\n"));
  EXPECT_EQ(p.purl, "pkg:deb/debian/libstdc%2B%2B6@1%3A12.2.0-14?arch=amd64&distro=debian-12");
  Package g;
  g.type = "golang";
  g.name = "github.com/gorilla/mux";
  g.version = "v1.8.0";
  set_purl(g, {});
  EXPECT_EQ(g.purl, "pkg:golang/github.com/gorilla/mux@v1.8.0");
  EXPECT_EQ(purl_encode("a b/c?"), "a%20b%2Fc%3F");
}

}  // namespace
}  // namespace dd::image::packages

namespace dd::image::packages {
namespace {

// Debian's machine-readable copyright files (DEP-5) give the licences; the
// free-form ones are not guessed at.
TEST(DebianCopyright, HostFilesInTheMachineReadableFormat) {
  std::string make = slurp("/usr/share/doc/make/copyright");
  ASSERT_FALSE(make.empty());
  EXPECT_EQ(parse_debian_copyright(make), "GPL-3+");
  std::string bash = slurp("/usr/share/doc/bash/copyright");
  ASSERT_FALSE(bash.empty());
  std::string b = parse_debian_copyright(bash);
  EXPECT_NE(b.find("GPL-3+"), std::string::npos) << b;
  EXPECT_NE(b.find("GPL-2+"), std::string::npos) << b;
  // base-files and libc6 have free-form copyright files.
  EXPECT_EQ(parse_debian_copyright(slurp("/usr/share/doc/base-files/copyright")), "");
  EXPECT_EQ(parse_debian_copyright(slurp("/usr/share/doc/libc6/copyright")), "");
}

TEST(DebianCopyright, FilesParagraphsOnlyEachOnce) {
  const char* text =
      "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
      "Upstream-Name: demo\n"
      "\n"
      "Files: *\n"
      "Copyright: 2020 A\n"
      "License: GPL-2+ or Artistic-1.0\n"
      "\n"
      "Files: lib/*\n"
      "Copyright: 2021 B\n"
      "License: MIT\n"
      "\n"
      "Files: debian/*\n"
      "Copyright: 2022 C\n"
      "License: MIT\n"
      "\n"
      "License: Artistic-1.0\n"
      " The text of the licence, which names GPL-3 somewhere.\n"
      "License: NotAField\n";
  EXPECT_EQ(parse_debian_copyright(text), "(GPL-2+ or Artistic-1.0) AND MIT");
  EXPECT_EQ(parse_debian_copyright("Files: *\nLicense: MIT\n"), "");  // no Format: header
  EXPECT_EQ(parse_debian_copyright(""), "");
  EXPECT_EQ(parse_debian_copyright("Format: x copyright-format/1.0\n\nFiles: *\nLicense: MIT"), "MIT");
}

}  // namespace
}  // namespace dd::image::packages
