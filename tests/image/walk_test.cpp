// The layer walk on synthetic archives: whiteouts, opaque dirs, hard links,
// PAX and GNU names, waste counted once, digests, hostile entries.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <nlohmann/json.hpp>

#include "helpers.h"
#include "image/analyze.h"
#include "image/io.h"
#include "image/source.h"
#include "image/walk.h"
#include "core/error.h"
#include <re2/re2.h>
#include "tar_writer.h"

namespace dd::image {
namespace {

using dd::test::TarWriter;
using dd::test::TempDir;
using json = nlohmann::json;
namespace fs = std::filesystem;

// A legacy docker save archive of these layer tars (already compressed or
// not), with history entries naming each.
std::string docker_save(const std::vector<std::string>& layers, const json& config_extra = json::object(),
                        bool bad_diff_id = false) {
  json cfg = {{"architecture", "amd64"}, {"os", "linux"}, {"created", "2099-01-01T00:00:00Z"}};
  cfg["config"] = {{"User", "nobody"}};
  cfg["rootfs"] = {{"type", "layers"}, {"diff_ids", json::array()}};
  cfg["history"] = json::array();
  json man = json::array({json::object()});
  man[0]["RepoTags"] = {"synthetic:1"};
  man[0]["Layers"] = json::array();
  TarWriter outer;
  for (size_t i = 0; i < layers.size(); ++i) {
    std::string hex = sha256_hex(layers[i]);
    if (bad_diff_id && i == 0) hex[0] = hex[0] == 'a' ? 'b' : 'a';
    cfg["rootfs"]["diff_ids"].push_back("sha256:" + hex);
    cfg["history"].push_back({{"created_by", "/bin/sh -c step" + std::to_string(i + 1)}});
    std::string name = "l" + std::to_string(i) + "/layer.tar";
    outer.file(name, layers[i]);
    man[0]["Layers"].push_back(name);
  }
  cfg.merge_patch(config_extra);
  std::string c = cfg.dump();
  outer.file("config.json", c);
  man[0]["Config"] = "config.json";
  outer.file("manifest.json", man.dump());
  return outer.finish();
}

// The archive as the engine's export would come: read once, in chunks of
// odd sizes (a 3-byte first chunk, chunks across tar headers).
std::function<void(const ByteSink&)> chunked(const std::string& archive) {
  return [&archive](const ByteSink& sink) {
    static const size_t sizes[] = {3, 509, 7919, 65536, 1, 131072};
    for (size_t i = 0, k = 0; i < archive.size(); ++k) {
      size_t n = std::min(sizes[k % 6], archive.size() - i);
      if (!sink({archive.data() + i, n})) return;
      i += n;
    }
  };
}

// Both ways of reading an archive give the same analysis: from the file
// (pread, layers in parallel) and streamed once (docker://).
void expect_same_analysis(const Analysis& file, const Analysis& stream) {
  ASSERT_EQ(file.findings.size(), stream.findings.size());
  for (size_t i = 0; i < file.findings.size(); ++i) {
    const Finding &f = file.findings[i], &s = stream.findings[i];
    EXPECT_EQ(f.rule, s.rule);
    EXPECT_EQ(f.message, s.message);
    EXPECT_EQ(f.location.path, s.location.path);
    EXPECT_EQ(f.location.layer, s.location.layer);
  }
  ASSERT_EQ(file.model.layers.size(), stream.model.layers.size());
  for (size_t i = 0; i < file.model.layers.size(); ++i) {
    const Layer &f = file.model.layers[i], &s = stream.model.layers[i];
    EXPECT_EQ(f.changes.files, s.changes.files) << i;
    EXPECT_EQ(f.changes.wasted_bytes, s.changes.wasted_bytes) << i;
    EXPECT_EQ(f.digest_ok, s.digest_ok) << i;
    EXPECT_EQ(f.error, s.error) << i;
  }
  ASSERT_EQ(file.walk.fs->nodes.size(), stream.walk.fs->nodes.size());
  for (auto fi = file.walk.fs->nodes.begin(), si = stream.walk.fs->nodes.begin(); fi != file.walk.fs->nodes.end(); ++fi, ++si) {
    EXPECT_EQ(fi->first, si->first);
    EXPECT_EQ(fi->second.st.layer, si->second.st.layer) << fi->first;
    EXPECT_EQ(fi->second.st.size, si->second.st.size) << fi->first;
  }
  EXPECT_EQ(file.packages.size(), stream.packages.size());
}

struct Walked {
  TempDir dir;
  Analysis a;
  explicit Walked(const std::string& archive, Options opt = {}) {
    auto p = dir.write("image.tar", archive);
    a = analyze(p.string(), opt, nullptr);
    try {
      expect_same_analysis(a, analyze_export(p.string(), chunked(archive), opt, nullptr));
    } catch (const std::exception& e) {
      ADD_FAILURE() << "streamed: " << e.what();
    }
  }
  const MergedFs& fs() const { return *a.walk.fs; }
  bool has(const char* rule) const {
    for (auto& f : a.findings)
      if (f.rule == rule) return true;
    return false;
  }
};

TEST(ImageWalk, WhiteoutsOpaqueDirsAndWasteCountedOnce) {
  std::string big(3'000'000, 'x');
  std::string l1 = TarWriter()
                       .dir("etc/")
                       .file("etc/keep", "k")
                       .file("etc/gone", big)
                       .dir("opt/")
                       .file("opt/a", big)
                       .file("opt/b", "bb")
                       .file("replaced", big)
                       .finish();
  std::string l2 = TarWriter()
                       .file("etc/.wh.gone", "")
                       .dir("opt/")
                       .file("opt/.wh..wh..opq", "")
                       .file("opt/c", "ccc")
                       .file("replaced", "small")
                       .finish();
  Walked r(docker_save({l1, l2}));
  EXPECT_TRUE(r.fs().stat("/etc/keep"));
  EXPECT_FALSE(r.fs().stat("/etc/gone"));
  EXPECT_FALSE(r.fs().stat("/opt/a"));
  EXPECT_FALSE(r.fs().stat("/opt/b"));
  ASSERT_TRUE(r.fs().stat("/opt/c"));
  EXPECT_EQ(r.fs().stat("/opt/c")->layer, 1);
  EXPECT_EQ(r.fs().stat("/replaced")->size, 5u);
  // The three lost copies of 3 MB count once each; the kept copy does not.
  EXPECT_EQ(r.a.walk.wasted_bytes, 3 * big.size() + 2);
  EXPECT_EQ(r.a.model.layers[0].changes.wasted_bytes, 3 * big.size() + 2);
  EXPECT_EQ(r.a.model.layers[1].changes.wasted_bytes, 0u);
  EXPECT_EQ(r.a.model.layers[1].changes.changed, 1u);  // /replaced
  EXPECT_EQ(r.a.model.layers[1].changes.added, 1u);    // /opt/c
  EXPECT_GE(r.a.model.layers[1].changes.deleted, 3u);  // gone, a, b
  EXPECT_EQ(r.a.walk.final_bytes, 1 + 3 + 5u);
  EXPECT_FALSE(r.has("DD4401"));  // 9 MB: under the 10 MB threshold
}

TEST(ImageWalk, PaxGnuLongNamesHardLinksAndSymlinks) {
  std::string longname = "usr/share/" + std::string(150, 'p') + "/file";
  std::string gnuname = "usr/lib/" + std::string(120, 'g') + "/lib.so";
  TarWriter t;
  t.pax(TarWriter::pax_record("comment", "global"), true);
  t.pax(TarWriter::pax_record("path", longname));
  t.file("short-name-ignored", "pax");
  t.gnu_long_name(gnuname);
  t.file("truncated-name", "gnu");
  t.file("bin/busybox", std::string(1000, 'b'), 0755);
  t.hardlink("bin/sh", "bin/busybox");
  t.symlink("bin/ls", "busybox");
  t.symlink("abs", "/bin");
  t.symlink("loop1", "loop2");
  t.symlink("loop2", "loop1");
  Walked r(docker_save({t.finish()}));
  EXPECT_TRUE(r.fs().stat("/" + longname));
  EXPECT_TRUE(r.fs().stat("/" + gnuname));
  EXPECT_FALSE(r.fs().stat("/short-name-ignored"));
  auto sh = r.fs().stat("/bin/sh");
  ASSERT_TRUE(sh);
  EXPECT_EQ(sh->type, FileType::hardlink);
  EXPECT_EQ(sh->size, 1000u);
  EXPECT_EQ(r.fs().resolve("/bin/ls").value_or(""), "/bin/busybox");
  EXPECT_EQ(r.fs().resolve("/abs/ls").value_or(""), "/bin/busybox");
  EXPECT_FALSE(r.fs().resolve("/loop1"));  // ELOOP, bounded
  EXPECT_EQ(r.fs().resolve("/loop1", false).value_or(""), "/loop1");
  auto names = r.fs().list("/bin");
  EXPECT_EQ(names, (std::vector<std::string>{"busybox", "ls", "sh"}));
  EXPECT_TRUE(r.a.findings.empty());
}

TEST(ImageWalk, GzipAndZstdLayersAreDecodedAndVerified) {
  TempDir d;
  std::string l = TarWriter().file("etc/os-release", "ID=test\n").finish();
  auto p = d.write("l.tar", l);
  ASSERT_EQ(dd::test::run({"sh", "-c", "gzip -kc " + p.string() + " > " + p.string() + ".gz && zstd -qc " + p.string() + " > " + p.string() + ".zst"}).status, 0);
  for (auto ext : {".gz", ".zst"}) {
    std::string comp = dd::test::read_text(p.string() + ext);
    // diff_ids name the uncompressed tar.
    json extra = {{"rootfs", {{"type", "layers"}, {"diff_ids", {"sha256:" + sha256_hex(l)}}}}};
    Walked r(docker_save({comp}, extra));
    EXPECT_TRUE(r.fs().stat("/etc/os-release")) << ext;
    EXPECT_TRUE(r.a.findings.empty()) << ext << ": " << (r.a.findings.empty() ? "" : r.a.findings[0].message);
  }
}

// The archive of Docker 25+ (and the containerd store): OCI blobs first,
// named by digest (layers, config and manifest alike), then index.json and
// manifest.json, which the stream reaches last. The stream tells a layer
// blob from a config by its bytes; a layer that is in the image twice is
// one blob read once and merged twice.
TEST(ImageWalk, Docker25ArchiveStreamedAndFromTheFile) {
  TempDir d;
  std::string l1 = TarWriter().file("etc/os-release", "ID=test\n").file("opt/gone", std::string(5000, 'g')).finish();
  std::string l2 = TarWriter().file("opt/.wh.gone", "").finish();
  std::string l3 = TarWriter().file("srv/again", "same bytes\n").finish();
  auto p = d.write("l1.tar", l1);
  ASSERT_EQ(dd::test::run({"sh", "-c", "gzip -nkc " + p.string() + " > " + p.string() + ".gz"}).status, 0);
  const std::string l1gz = dd::test::read_text(p.string() + ".gz");
  const std::vector<std::string> blobs = {l1gz, l2, l3, l3};
  json cfg = {{"architecture", "amd64"}, {"os", "linux"}, {"created", "2099-01-01T00:00:00Z"},
              {"config", {{"User", "nobody"}}},
              {"rootfs", {{"type", "layers"}, {"diff_ids", json::array()}}}, {"history", json::array()}};
  json man = {{"schemaVersion", 2}, {"mediaType", "application/vnd.oci.image.manifest.v1+json"}, {"layers", json::array()}};
  std::map<std::string, std::string> files;  // name -> bytes, written in name order as the engine does
  json legacy = json::array({{{"RepoTags", {"synthetic:25"}}, {"Layers", json::array()}}});
  for (size_t i = 0; i < blobs.size(); ++i) {
    const std::string& tar = i == 0 ? l1 : blobs[i];
    cfg["rootfs"]["diff_ids"].push_back("sha256:" + sha256_hex(tar));
    cfg["history"].push_back({{"created_by", "/bin/sh -c step" + std::to_string(i + 1)}});
    std::string hex = sha256_hex(blobs[i]);
    man["layers"].push_back({{"digest", "sha256:" + hex}, {"size", blobs[i].size()},
                             {"mediaType", i == 0 ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar"}});
    files["blobs/sha256/" + hex] = blobs[i];
    legacy[0]["Layers"].push_back("blobs/sha256/" + hex);
  }
  std::string c = cfg.dump();
  man["config"] = {{"digest", "sha256:" + sha256_hex(c)}, {"size", c.size()}, {"mediaType", "application/vnd.oci.image.config.v1+json"}};
  files["blobs/sha256/" + sha256_hex(c)] = c;
  std::string m = man.dump();
  files["blobs/sha256/" + sha256_hex(m)] = m;
  legacy[0]["Config"] = "blobs/sha256/" + sha256_hex(c);
  json index = {{"schemaVersion", 2}, {"manifests", {{{"digest", "sha256:" + sha256_hex(m)}, {"size", m.size()},
                                                     {"mediaType", "application/vnd.oci.image.manifest.v1+json"}}}}};
  files["index.json"] = index.dump();
  files["manifest.json"] = legacy.dump();
  files["oci-layout"] = R"({"imageLayoutVersion":"1.0.0"})";
  TarWriter outer;
  outer.dir("blobs/").dir("blobs/sha256/");
  for (auto& [n, b] : files) outer.file(n, b);
  Walked r(outer.finish());
  ASSERT_EQ(r.a.model.layers.size(), 4u);
  EXPECT_TRUE(r.fs().stat("/etc/os-release"));
  EXPECT_FALSE(r.fs().stat("/opt/gone"));
  ASSERT_TRUE(r.fs().stat("/srv/again"));
  EXPECT_EQ(r.fs().stat("/srv/again")->layer, 3);
  EXPECT_EQ(r.a.model.layers[0].changes.wasted_bytes, 5000u);
  EXPECT_EQ(r.a.model.layers[3].changes.files, 1u);
  EXPECT_EQ(r.a.model.manifest_digest, "sha256:" + sha256_hex(m));
  for (auto& f : r.a.findings) EXPECT_NE(f.severity, Severity::error) << f.rule << ": " << f.message;

  // A blob changed in transit is a mismatch in both readings.
  std::string bad = outer.finish();
  size_t at = bad.find("same bytes");
  ASSERT_NE(at, std::string::npos);
  bad[at] = 'S';
  Walked w(bad);
  EXPECT_TRUE(w.has("DD4001"));
}

// The application's own files of every type are scanned for secrets; the
// files of installed packages, toolchains and docs are not (a JWT in
// PyJWT's own description, a key in Go's crypto sources).
TEST(ImageWalk, SecretsInAppFilesOfEveryTypeNotInPackagesOrDocs) {
  const std::string aws = "AKIAZ7QW3ERT5YUI2OPA", gh = "ghp_Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7A";
  const std::string jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ."
                          "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  std::string l = TarWriter()
                      .file("app/settings.py", "AWS_KEY = '" + aws + "'\n")
                      .file("app/notes.txt", "token " + gh + "\n")
                      .file("app/index.html", "<script>const k = '" + gh + "';</script>\n")
                      .file("app/main.go", "const key = \"" + aws + "\"\n")
                      .file("usr/lib/python3.11/site-packages/PyJWT-2.6.0.egg-info/PKG-INFO", "Example: " + jwt + "\n")
                      .file("usr/local/lib/python3.11/dist-packages/x/sample.py", "k = '" + aws + "'\n")
                      .file("usr/local/go/src/crypto/tls/handshake.go", "const k = \"" + aws + "\"\n")
                      .file("usr/share/doc/pkg/README", "key " + aws + "\n")
                      .file("srv/app/node_modules/lib/index.js", "var k = '" + gh + "';\n")
                      .finish();
  Walked r(docker_save({l}));
  std::set<std::string> paths;
  for (auto& f : r.a.findings)
    if (f.rule == "DD4201") paths.insert(f.location.path);
  EXPECT_EQ(paths, (std::set<std::string>{"/app/index.html", "/app/main.go", "/app/notes.txt", "/app/settings.py"}));
}

// The largest files and folders of the final filesystem, in the JSON and
// the text summary: a deleted file is not among them, and a chain of
// folders that only hold one big subfolder shows as that subfolder.
TEST(ImageWalk, LargestFilesAndFolders) {
  std::string l1 = TarWriter()
                       .file("opt/a/b/c/big", std::string(300000, 'b'))
                       .file("opt/a/b/c/small", std::string(1000, 's'))
                       .file("srv/x", std::string(200000, 'x'))
                       .file("srv/y", std::string(150000, 'y'))
                       .file("tmp/gone", std::string(900000, 'g'))
                       .finish();
  std::string l2 = TarWriter().file("tmp/.wh.gone", "").finish();
  Walked r(docker_save({l1, l2}));
  json j = to_json(r.a)["largest"];
  ASSERT_EQ(j["files"].size(), 4u) << j.dump();
  EXPECT_EQ(j["files"][0]["path"], "/opt/a/b/c/big");
  EXPECT_EQ(j["files"][0]["size"], 300000);
  EXPECT_EQ(j["files"][0]["layer"], 0);
  std::vector<std::string> dirs;
  for (auto& d : j["dirs"]) dirs.push_back(d["path"]);
  EXPECT_EQ(dirs, (std::vector<std::string>{"/srv", "/opt/a/b/c"})) << j.dump();
  std::string text = to_text(r.a);
  EXPECT_NE(text.find("largest files"), std::string::npos) << text;
  EXPECT_NE(text.find("/opt/a/b/c/big  (layer 1)"), std::string::npos) << text;
  EXPECT_EQ(text.find("/tmp/gone"), std::string::npos) << text;
}

TEST(ImageWalk, DigestMismatchIsAnErrorFindingNotACrash) {
  std::string l = TarWriter().file("a", "a").finish();
  Walked r(docker_save({l}, json::object(), true));
  EXPECT_TRUE(r.has("DD4001"));
  EXPECT_FALSE(r.a.model.layers[0].digest_ok);
}

TEST(ImageWalk, TruncatedLayerIsReported) {
  std::string l = TarWriter().file("a", std::string(100000, 'a')).finish();
  l.resize(20000);
  Walked r(docker_save({l}));
  EXPECT_TRUE(r.has("DD4002"));
}

TEST(ImageWalk, UnsafeNamesAndMissingHardLinkTargets) {
  std::string l = TarWriter()
                      .file("../../etc/evil", "x")
                      .file("/abs/file", "y")
                      .hardlink("link", "does/not/exist")
                      .finish();
  Walked r(docker_save({l}));
  EXPECT_TRUE(r.has("DD4003"));
  int unsafe = 0;
  for (auto& f : r.a.findings)
    if (f.rule == std::string("DD4003")) ++unsafe;
  EXPECT_EQ(unsafe, 3);
  // Cleaned inside the image root, never outside it.
  EXPECT_TRUE(r.fs().stat("/etc/evil"));
}

TEST(ImageWalk, GzipBombStopsAtTheLimit) {
  TempDir d;
  // 64 MB of zeros in a tar, gzip'd to ~64 kB: a bomb under a lowered limit.
  auto p = d.path() / "bomb.tar.gz";
  ASSERT_EQ(dd::test::run({"sh", "-c", "cd " + d.path().string() + " && truncate -s 64M zeros && tar cf - zeros | gzip -9 > " + p.string()}).status, 0);
  OpenedImage img;
  img.model.layers.push_back(Layer{});
  LayerBlob lb;
  lb.blob = Blob{open_file(p.string()), 0, 0, "bomb"};
  lb.blob.size = lb.blob.file->size;
  img.layers.push_back(lb);
  std::vector<std::unique_ptr<Analyzer>> none;
  struct Null : FindingSink {
    void add(Finding) override {}
    void add_package(Package) override {}
  } sink;
  WalkLimits lim;
  lim.bomb_min = 8 << 20;
  lim.bomb_ratio = 100;
  auto res = walk(img, none, sink, lim);
  ASSERT_FALSE(res.issues.empty());
  EXPECT_EQ(res.issues[0].kind, LayerIssue::bomb);
}

TEST(ImageWalk, DeepNestingAndManyEntriesAreBounded) {
  std::string deep;
  for (int i = 0; i < 600; ++i) deep += "d/";
  TarWriter t;
  t.pax(TarWriter::pax_record("path", deep + "f"));
  t.file("x", "deep");
  Walked r(docker_save({t.finish()}));
  ASSERT_TRUE(r.has("DD4003"));
  for (auto& f : r.a.findings)
    if (f.rule == "DD4003") {
      EXPECT_NE(f.message.find("nested deeper than 512"), std::string::npos) << f.message;
      EXPECT_EQ(f.message.find("outside the root"), std::string::npos) << f.message;
    }
}

TEST(ImageWalk, GlobsCompileToAnchoredRegexps) {
  EXPECT_EQ(glob_to_regex("/etc/passwd"), "^/etc/passwd$");
  RE2 a(glob_to_regex("**/site-packages/*.dist-info/METADATA"));
  EXPECT_TRUE(RE2::FullMatch("/usr/lib/python3/site-packages/x-1.dist-info/METADATA", a));
  EXPECT_FALSE(RE2::FullMatch("/usr/lib/python3/site-packages/x/y.dist-info/METADATA", a));
  RE2 b(glob_to_regex("/usr/{bin,sbin}/*"));
  EXPECT_TRUE(RE2::FullMatch("/usr/sbin/nginx", b));
  EXPECT_FALSE(RE2::FullMatch("/usr/sbin/x/nginx", b));
  RE2 c(glob_to_regex("/**/x"));
  EXPECT_TRUE(RE2::FullMatch("/x", c));
  EXPECT_TRUE(RE2::FullMatch("/a/b/x", c));
}

// `**` in the middle of a pattern spans zero or more whole folders, and a
// comma outside braces is a plain character.
TEST(ImageWalk, GlobsWithDoubleStarInTheMiddle) {
  struct Case {
    const char* glob;
    const char* path;
    bool match;
  };
  const Case cases[] = {
      {"/a/**/b", "/a/b", true},
      {"/a/**/b", "/a/x/b", true},
      {"/a/**/b", "/a/x/y/z/b", true},
      {"/a/**/b", "/ab", false},
      {"/a/**/b", "/a/xb", false},
      {"/a/**/b", "/a/x/b/c", false},
      {"/a/**/b", "/za/x/b", false},
      {"**/node_modules/**/package.json", "/app/node_modules/x/package.json", true},
      {"**/node_modules/**/package.json", "/app/node_modules/@s/x/node_modules/y/package.json", true},
      {"**/node_modules/**/package.json", "/app/node_modules_x/package.json", false},
      {"/usr/lib/**/*.so", "/usr/lib/a.so", true},
      {"/usr/lib/**/*.so", "/usr/lib/x/y/a.so", true},
      {"/usr/lib/**/*.so", "/usr/lib64/a.so", false},
      {"/srv/**", "/srv/a/b", true},
      {"/srv/**", "/srv", false},
      {"/a/**/b/**/c", "/a/b/c", true},
      {"/a/**/b/**/c", "/a/1/b/2/3/c", true},
      {"/etc/a,b", "/etc/a,b", true},
      {"/etc/a,b", "b", false},
      {"/etc/a,b", "/etc/a", false},
      {"/x/{a,b}/**/y", "/x/b/q/y", true},
      {"/x/{a,b}/**/y", "/x/c/q/y", false},
  };
  for (const auto& c : cases) {
    RE2 re(glob_to_regex(c.glob));
    ASSERT_TRUE(re.ok()) << c.glob << " -> " << glob_to_regex(c.glob);
    EXPECT_EQ(RE2::FullMatch(c.path, re), c.match) << c.glob << " on " << c.path << " (" << glob_to_regex(c.glob) << ")";
  }
}

TEST(ImageWalk, OciLayoutWithIndexPicksThePlatform) {
  TempDir d;
  auto blob = [&](const std::string& data) {
    std::string hex = sha256_hex(data);
    d.write("blobs/sha256/" + hex, data);
    return "sha256:" + hex;
  };
  auto image = [&](const char* arch, const char* file) {
    std::string l = TarWriter().file(file, "x").finish();
    std::string ld = blob(l);
    json cfg = {{"architecture", arch}, {"os", "linux"}, {"rootfs", {{"diff_ids", {ld}}}}};
    std::string cd = blob(cfg.dump());
    json man = {{"schemaVersion", 2},
                {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                {"config", {{"digest", cd}, {"size", 1}}},
                {"layers", {{{"digest", ld}, {"mediaType", "application/vnd.oci.image.layer.v1.tar"}}}}};
    std::string md = blob(man.dump());
    return json{{"digest", md}, {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                {"platform", {{"os", "linux"}, {"architecture", arch}}}};
  };
  json index = {{"schemaVersion", 2}, {"manifests", {image("amd64", "amd64-file"), image("arm64", "arm64-file")}}};
  d.write("index.json", index.dump());
  d.write("oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
  Options o;
  o.platform = "linux/arm64";
  auto a = analyze(d.path().string(), o, nullptr);
  EXPECT_TRUE(a.walk.fs->stat("/arm64-file"));
  EXPECT_EQ(a.model.config.platform.arch, "arm64");
  o.platform = "linux/amd64";
  auto b = analyze(d.path().string(), o, nullptr);
  EXPECT_TRUE(b.walk.fs->stat("/amd64-file"));
  o.platform = "linux/s390x";
  EXPECT_THROW(analyze(d.path().string(), o, nullptr), InputError);
}

// A layout of several named images (skopeo copy ... oci:DIR:NAME, twice):
// DIR:NAME picks one; DIR alone names them rather than take the first.
TEST(ImageWalk, OciLayoutOfSeveralImagesByName) {
  TempDir d;
  auto blob = [&](const std::string& data) {
    std::string hex = sha256_hex(data);
    d.write("blobs/sha256/" + hex, data);
    return "sha256:" + hex;
  };
  auto image = [&](const char* name, const char* file) {
    std::string ld = blob(TarWriter().file(file, "x").finish());
    json cfg = {{"architecture", "amd64"}, {"os", "linux"}, {"rootfs", {{"diff_ids", {ld}}}}};
    json man = {{"schemaVersion", 2},
                {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                {"config", {{"digest", blob(cfg.dump())}, {"size", 1}}},
                {"layers", {{{"digest", ld}, {"mediaType", "application/vnd.oci.image.layer.v1.tar"}}}}};
    return json{{"digest", blob(man.dump())}, {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                {"annotations", {{"org.opencontainers.image.ref.name", name}}}};
  };
  json index = {{"schemaVersion", 2}, {"manifests", {image("web", "web-file"), image("worker", "worker-file")}}};
  d.write("index.json", index.dump());
  d.write("oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
  const std::string dir = d.path().string();
  auto w = analyze(dir + ":worker", Options{}, nullptr);
  EXPECT_TRUE(w.walk.fs->stat("/worker-file"));
  EXPECT_FALSE(w.walk.fs->stat("/web-file"));
  EXPECT_EQ(w.model.name, dir + ":worker");
  EXPECT_TRUE(analyze(dir + ":web", Options{}, nullptr).walk.fs->stat("/web-file"));
  for (const std::string& bad : {dir, dir + ":nope"}) {
    try {
      analyze(bad, Options{}, nullptr);
      ADD_FAILURE() << bad;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("web, worker"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace dd::image

namespace dd::image {
namespace {

TEST(ImageConfigRules, DaemonizingCommandStaleDateAndRoot) {
  std::string l = TarWriter().file("usr/sbin/nginx", "elf").finish();
  json extra = {{"created", "2020-01-01T00:00:00Z"},
                {"config", {{"User", ""}, {"Cmd", {"nginx"}}, {"ExposedPorts", {{"80/tcp", json::object()}}}}}};
  Walked r(docker_save({l}, extra));
  EXPECT_TRUE(r.has("DD4303"));  // nginx daemonizes unless told 'daemon off;'
  EXPECT_TRUE(r.has("DD4304"));
  EXPECT_TRUE(r.has("DD4301"));
  EXPECT_TRUE(r.has("DD4302"));
  json fg = {{"created", "2099-01-01T00:00:00Z"},
             {"config", {{"User", "101"}, {"Cmd", {"nginx", "-g", "daemon off;"}}, {"Healthcheck", {{"Test", {"CMD", "true"}}}}}}};
  Walked ok(docker_save({l}, fg));
  for (auto& f : ok.a.findings) EXPECT_NE(f.rule.substr(0, 4), "DD43") << f.rule << ": " << f.message;
  // --max-age: a 2020 image is fine under a policy of 100 years.
  Options o;
  o.max_age_days = 36500;
  Walked old(docker_save({l}, extra), o);
  EXPECT_FALSE(old.has("DD4304"));
}

}  // namespace
}  // namespace dd::image

namespace dd::image {
namespace {

TEST(ImageHostile, TenGigabyteSparseEntryIsNotExpanded) {
  TarWriter t;
  t.pax(TarWriter::pax_record("GNU.sparse.realsize", "10737418240") + TarWriter::pax_record("GNU.sparse.name", "var/sparse.img"));
  t.file("GNUSparseFile.0/sparse.img", std::string(4096, 's'));
  Walked r(docker_save({t.finish()}));
  auto st = r.fs().stat("/var/sparse.img");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->size, 10737418240ull);               // the size the file has
  EXPECT_LT(r.a.model.layers[0].uncompressed_size, 100000u);  // the bytes read
}

TEST(ImageHostile, TooManyEntriesStopTheLayer) {
  TarWriter t;
  for (int i = 0; i < 3000; ++i) t.file("f/" + std::to_string(i), "");
  TempDir d;
  auto p = d.write("image.tar", docker_save({t.finish()}));
  OpenedImage img = open_image(p.string(), Options{});
  std::vector<std::unique_ptr<Analyzer>> as;
  for (auto& a : analyzers()) as.push_back(a.make());
  struct Null : FindingSink {
    void add(Finding) override {}
    void add_package(Package) override {}
  } sink;
  WalkLimits lim;
  lim.max_entries = 1000;
  auto res = walk(img, as, sink, lim);
  ASSERT_EQ(res.issues.size(), 1u);
  EXPECT_EQ(res.issues[0].kind, LayerIssue::unreadable);
  EXPECT_NE(res.issues[0].detail.find("more than 1000 entries"), std::string::npos);
}


// A million small files in one layer: the walk reads them all (no limit
// hit), in bounded memory, through the command. The layer is generated as a
// stream (tar headers piped to gzip), never held whole.
// A streamed export is bad input, exit 2 with one line, when it is cut
// short (the manifest never comes), not a tar, or holds more members than
// any image export (a few per layer), before memory grows with them.
TEST(ImageHostile, StreamedExportCutShortOrFloodedIsBadInput) {
  std::string l = TarWriter().file("a", std::string(100000, 'a')).finish();
  std::string full = docker_save({l});
  auto expect_bad = [](const std::string& bytes, const std::string& what) {
    try {
      analyze_export("docker://x", chunked(bytes), Options{}, nullptr);
      ADD_FAILURE() << "no error for " << what;
    } catch (const InputError& e) {
      std::string m = e.what();
      EXPECT_EQ(m.rfind("docker://x: ", 0), 0u) << m;
      EXPECT_EQ(m.find('\n'), std::string::npos) << m;
      EXPECT_NE(m.find(what), std::string::npos) << m;
    }
  };
  expect_bad(full.substr(0, 60000), "cut short");
  expect_bad(std::string(4096, 'x'), "not a readable image export");
  TarWriter many;
  for (int i = 0; i <= 100000; ++i) many.file("f" + std::to_string(i), "");
  expect_bad(many.finish(), "members");
}

TEST(ImageHostile, AMillionSmallFilesInBoundedMemory) {
  TempDir d;
  const auto gz = d.path() / "layer.tar.gz";
  FILE* pipe = ::popen(("gzip -1 > " + gz.string()).c_str(), "w");
  ASSERT_NE(pipe, nullptr);
  Sha256 diff;
  const int kDirs = 1000, kFiles = 1000;
  for (int i = 0; i < kDirs; ++i) {
    TarWriter t;
    t.dir("d" + std::to_string(i) + "/");
    for (int j = 0; j < kFiles; ++j) t.file("d" + std::to_string(i) + "/f" + std::to_string(j), j % 100 ? "" : "x");
    diff.update(t.bytes().data(), t.bytes().size());
    ASSERT_EQ(std::fwrite(t.bytes().data(), 1, t.bytes().size(), pipe), t.bytes().size());
  }
  const std::string end(1024, '\0');
  diff.update(end.data(), end.size());
  std::fwrite(end.data(), 1, end.size(), pipe);
  ASSERT_EQ(::pclose(pipe), 0);
  json extra = {{"rootfs", {{"type", "layers"}, {"diff_ids", {"sha256:" + diff.hex_digest()}}}}};
  auto archive = d.write("image.tar", docker_save({dd::test::read_text(gz)}, extra));
  fs::remove(gz);

  auto r = dd::test::run({"/usr/bin/time", "-f", "maxrss_kb=%M", DRYDOCK_BINARY, "image", archive.string(), "--format",
                          "json", "--fail-on", "none"});
  ASSERT_EQ(r.status, 0) << r.err.substr(0, 2000);
  json j = json::parse(r.out);
  ASSERT_EQ(j["layers"].size(), 1u);
  EXPECT_EQ(j["layers"][0]["files"].get<uint64_t>(), uint64_t(kDirs) * kFiles + kDirs);
  EXPECT_FALSE(j["layers"][0].contains("error")) << j["layers"][0].dump();
  for (auto& f : j["findings"]) EXPECT_NE(f["rule"], "DD4002") << f.dump();
  auto at = r.err.rfind("maxrss_kb=");
  ASSERT_NE(at, std::string::npos) << r.err;
  const long kb = std::stol(r.err.substr(at + 10));
  EXPECT_LE(kb, 256 * 1024) << "peak RSS " << kb << " kB";
  RecordProperty("peak_rss_kb", std::to_string(kb));
  std::printf("drydock image on a million files: peak RSS %ld kB\n", kb);
}

}  // namespace
}  // namespace dd::image
