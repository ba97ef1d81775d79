// The binaries and packages analyzers through the real walk, on images built
// by the test with the local engine, read from `docker save` archives, OCI
// layouts (skopeo) and docker://.
#include <gtest/gtest.h>

#include <set>

#include "docker_images.h"
#include "image/analyzer.h"
#include "image/source.h"
#include "image/walk.h"
#include "inv_util.h"

namespace dd::image {
namespace {

using dd::test::RunResult;
using dd::test::TempDir;
using namespace dd::test::inv;

struct Collected : FindingSink {
  std::vector<Finding> findings;
  std::vector<Package> packages;
  void add(Finding f) override { findings.push_back(std::move(f)); }
  void add_package(Package p) override { packages.push_back(std::move(p)); }
  std::vector<Finding> rules(std::string_view prefix) const {
    std::vector<Finding> out;
    for (const auto& f : findings)
      if (f.rule.starts_with(prefix)) out.push_back(f);
    return out;
  }
};

// Walks SOURCE with the inventory analyzers only.
Collected analyse(const std::string& source) {
  Options opt;
  std::vector<std::unique_ptr<Analyzer>> list;
  for (auto& a : analyzers())
    if (a.name == "BinariesAnalyzer" || a.name == "PackagesAnalyzer") list.push_back(a.make());
  EXPECT_EQ(list.size(), 2u);
  Collected out;
  open_and_walk(source, opt, list, out);
  return out;
}

// The three sources of one image tag: docker save, OCI layout dir, docker://.
std::vector<std::string> sources(const std::string& tag, const TempDir& tmp) {
  std::vector<std::string> out;
  std::string tar = (tmp.path() / "save.tar").string();
  RunResult r = dd::test::docker({"save", "-o", tar, tag});
  EXPECT_EQ(r.status, 0) << r.err;
  out.push_back(tar);
  std::string oci = (tmp.path() / "oci").string();
  RunResult s = dd::test::run({"skopeo", "copy", "--quiet", "docker-archive:" + tar, "oci:" + oci + ":latest"});
  if (s.status == 0) out.push_back(oci);
  else ADD_FAILURE() << "skopeo: " << s.err;
  out.push_back("docker://" + tag);
  return out;
}

std::string build(const TempDir& ctx, const std::string& tag, const std::string& dockerfile) {
  ctx.write("Dockerfile", dockerfile);
  if (!dd::test::docker_build(ctx.path(), tag)) return "";
  return tag;
}

#define NEED_ENGINE() \
  if (!dd::test::engine_available()) GTEST_SKIP() << dd::test::engine_skip_reason()

TEST(RealImages, GlibcBinaryOnBusybox) {
  NEED_ENGINE();
  std::string bb = dd::test::busybox_image();
  ASSERT_FALSE(bb.empty());
  TempDir ctx;
  std::filesystem::copy_file("/usr/bin/ls", ctx.path() / "gls");
  std::string tag = build(ctx, "drydock-test/inv-glibc-on-busybox:1",
                          "FROM " + bb + "\nCOPY gls /usr/local/bin/gls\nCMD [\"gls\", \"-l\"]\n");
  ASSERT_FALSE(tag.empty());
  TempDir tmp;
  for (const auto& src : sources(tag, tmp)) {
    Collected c = analyse(src);
    auto f = c.rules("DD41");
    ASSERT_EQ(f.size(), 1u) << src;
    EXPECT_EQ(f[0].rule, "DD4102") << src;
    EXPECT_EQ(f[0].location.path, "/usr/local/bin/gls");
    EXPECT_EQ(f[0].severity, Severity::error);
    EXPECT_NE(f[0].root_cause.find("no C library"), std::string::npos) << f[0].root_cause;
    EXPECT_FALSE(f[0].location.layer.empty());
  }
}

TEST(RealImages, BinaryMissingItsLibraryOnDebian) {
  NEED_ENGINE();
  std::string deb = dd::test::debian_image();
  ASSERT_FALSE(deb.empty());
  TempDir ctx;
  ASSERT_TRUE(cc("int inv_answer(void){return 42;}", ctx.path() / "libinv.so", {"-shared", "-fPIC", "-Wl,-soname,libinv.so.1"}));
  ASSERT_TRUE(cc("int inv_answer(void); int main(void){return inv_answer()==42?0:1;}", ctx.path() / "app",
                 {"-L" + ctx.path().string(), "-linv"}));
  std::string tag = build(ctx, "drydock-test/inv-missing-lib:1", "FROM " + deb + "\nCOPY app /usr/local/bin/app\nENTRYPOINT [\"app\"]\n");
  ASSERT_FALSE(tag.empty());
  // The engine agrees: the container cannot start.
  RunResult r = dd::test::docker({"run", "--rm", tag});
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("libinv.so.1"), std::string::npos) << r.err;
  TempDir tmp;
  for (const auto& src : sources(tag, tmp)) {
    Collected c = analyse(src);
    auto f = c.rules("DD41");
    ASSERT_EQ(f.size(), 1u) << src;
    EXPECT_EQ(f[0].rule, "DD4103");
    EXPECT_NE(f[0].title.find("libinv.so.1"), std::string::npos);
    // The Debian base itself: every PATH binary resolves, and dpkg's packages are there.
    std::set<std::string> debs;
    for (const auto& p : c.packages)
      if (p.type == "deb") debs.insert(p.name);
    RunResult q = dd::test::docker({"run", "--rm", tag.substr(0, 0) + deb, "dpkg-query", "-W", "-f", "${Package}\\n"});
    std::set<std::string> want;
    std::istringstream lines(q.out);
    for (std::string l; std::getline(lines, l);) want.insert(l);
    EXPECT_EQ(debs, want);
  }
  // With the library copied into /usr/local/lib (a folder of Debian's
  // /etc/ld.so.conf.d/libc.conf) but no ldconfig run: the loader reads
  // /etc/ld.so.cache, not ld.so.conf, and the engine agrees it fails.
  std::string stale = build(ctx, "drydock-test/inv-missing-lib:2",
                            "FROM " + deb + "\nCOPY libinv.so /usr/local/lib/libinv.so.1\nCOPY app /usr/local/bin/app\nENTRYPOINT [\"app\"]\n");
  ASSERT_FALSE(stale.empty());
  RunResult rs = dd::test::docker({"run", "--rm", stale});
  EXPECT_NE(rs.status, 0);
  EXPECT_NE(rs.err.find("libinv.so.1"), std::string::npos) << rs.err;
  TempDir t2;
  RunResult s = dd::test::docker({"save", "-o", (t2.path() / "s.tar").string(), stale});
  ASSERT_EQ(s.status, 0);
  auto f2 = analyse((t2.path() / "s.tar").string()).rules("DD41");
  ASSERT_EQ(f2.size(), 1u);
  EXPECT_EQ(f2[0].rule, "DD4103");
  // After ldconfig, the cache has it: the container starts and drydock agrees.
  std::string ok = build(ctx, "drydock-test/inv-missing-lib:3",
                         "FROM " + deb + "\nCOPY libinv.so /usr/local/lib/libinv.so.1\nRUN ldconfig\nCOPY app /usr/local/bin/app\nENTRYPOINT [\"app\"]\n");
  ASSERT_FALSE(ok.empty());
  RunResult ro = dd::test::docker({"run", "--rm", ok});
  EXPECT_EQ(ro.status, 0) << ro.err;
  RunResult s3 = dd::test::docker({"save", "-o", (t2.path() / "ok.tar").string(), ok});
  ASSERT_EQ(s3.status, 0);
  EXPECT_TRUE(analyse((t2.path() / "ok.tar").string()).rules("DD41").empty());
  dd::test::docker({"rmi", "-f", stale, ok});
}

TEST(RealImages, ForeignArchitectureBusybox) {
  NEED_ENGINE();
  std::string img = dd::test::foreign_arch_image();
  if (img.empty()) GTEST_SKIP() << "busybox-static:arm64 unavailable";
  TempDir tmp;
  RunResult s = dd::test::docker({"save", "-o", (tmp.path() / "s.tar").string(), img});
  ASSERT_EQ(s.status, 0) << s.err;
  // The image declares arm64 and its binary is arm64: consistent, no finding.
  Collected c = analyse((tmp.path() / "s.tar").string());
  EXPECT_TRUE(c.rules("DD4101").empty());
  // An amd64 image with the arm64 binary copied in: a mismatch.
  std::string bb = dd::test::busybox_image();
  TempDir ctx;
  std::filesystem::copy_file(dd::test::foreign_arch_busybox(), ctx.path() / "busybox-arm64");
  std::string tag = build(ctx, "drydock-test/inv-arm-on-amd64:1",
                          "FROM " + bb + "\nCOPY busybox-arm64 /usr/local/bin/tool\nCMD [\"tool\"]\n");
  ASSERT_FALSE(tag.empty());
  TempDir t2;
  for (const auto& src : sources(tag, t2)) {
    Collected m = analyse(src);
    auto f = m.rules("DD41");
    ASSERT_EQ(f.size(), 1u) << src;
    EXPECT_EQ(f[0].rule, "DD4101");
    EXPECT_EQ(f[0].location.path, "/usr/local/bin/tool");
  }
}

TEST(RealImages, CleanStaticImageHasNoFinding) {
  NEED_ENGINE();
  std::string bb = dd::test::busybox_image();
  ASSERT_FALSE(bb.empty());
  TempDir tmp;
  for (const auto& src : sources(bb, tmp)) {
    Collected c = analyse(src);
    EXPECT_TRUE(c.rules("DD41").empty()) << src << ": " << c.findings.front().title;
  }
}

TEST(RealImages, PythonNodeAndJavaInventory) {
  NEED_ENGINE();
  std::string bb = dd::test::busybox_image();
  ASSERT_FALSE(bb.empty());
  TempDir ctx;
  namespace fs = std::filesystem;
  fs::create_directories(ctx.path() / "site");
  fs::copy("/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info", ctx.path() / "site/PyYAML-6.0.dist-info",
           fs::copy_options::recursive);
  fs::copy("/usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info", ctx.path() / "site/PyJWT-2.6.0.egg-info",
           fs::copy_options::recursive);
  fs::create_directories(ctx.path() / "nm/@scope");
  fs::copy("/usr/share/nodejs/spdx-license-ids", ctx.path() / "nm/spdx-license-ids", fs::copy_options::recursive);
  fs::copy("/usr/share/nodejs/spdx-exceptions", ctx.path() / "nm/@scope/spdx-exceptions", fs::copy_options::recursive);
  bool jar = fs::exists("/usr/share/java/commons-io-2.11.0.jar");
  if (jar) fs::copy_file("/usr/share/java/commons-io-2.11.0.jar", ctx.path() / "commons-io.jar");
  std::string tag = build(ctx, "drydock-test/inv-langs:1",
                          "FROM " + bb + "\nCOPY site /usr/lib/python3.11/site-packages\nCOPY nm /app/node_modules\n" +
                              (jar ? "COPY commons-io.jar /app/lib/commons-io.jar\n" : "") +
                              "RUN rm -rf /app/node_modules/@scope\n");
  ASSERT_FALSE(tag.empty());
  TempDir tmp;
  for (const auto& src : sources(tag, tmp)) {
    Collected c = analyse(src);
    std::set<std::string> purls;
    for (const auto& p : c.packages) purls.insert(p.purl);
    EXPECT_TRUE(purls.count("pkg:pypi/pyyaml@6.0")) << src;
    EXPECT_TRUE(purls.count("pkg:pypi/pyjwt@2.6.0")) << src;
    bool ids = false, removed = false;
    for (const auto& p : c.packages) {
      ids |= p.type == "npm" && p.name == "spdx-license-ids" && p.path == "/app/node_modules/spdx-license-ids/package.json";
      removed |= p.name.find("spdx-exceptions") != std::string::npos;  // deleted by a later layer
      EXPECT_GE(p.layer, 0);
    }
    EXPECT_TRUE(ids);
    EXPECT_FALSE(removed);
    if (jar) EXPECT_TRUE(purls.count("pkg:maven/commons-io/commons-io@2.11.0")) << src;
  }
}

}  // namespace
}  // namespace dd::image

namespace dd::image {
namespace {

// Debian's skopeo (a Go program, cgo: linked to glibc) on busybox: the Go
// build info becomes golang packages, and the missing loader is found.
TEST(RealImages, GoBinaryInventoryAndLoader) {
  NEED_ENGINE();
  if (!std::filesystem::exists("/usr/bin/skopeo")) GTEST_SKIP() << "skopeo missing";
  std::string bb = dd::test::busybox_image();
  ASSERT_FALSE(bb.empty());
  TempDir ctx;
  std::filesystem::copy_file("/usr/bin/skopeo", ctx.path() / "skopeo");
  std::string tag = build(ctx, "drydock-test/inv-go-on-busybox:1", "FROM " + bb + "\nCOPY skopeo /usr/bin/skopeo\n");
  ASSERT_FALSE(tag.empty());
  TempDir tmp;
  RunResult s = dd::test::docker({"save", "-o", (tmp.path() / "s.tar").string(), tag});
  ASSERT_EQ(s.status, 0);
  Collected c = analyse((tmp.path() / "s.tar").string());
  std::set<std::string> purls;
  for (const auto& p : c.packages)
    if (p.type == "golang") {
      purls.insert(p.purl);
      EXPECT_EQ(p.path, "/usr/bin/skopeo");
    }
  std::string bytes = slurp("/usr/bin/skopeo");
  size_t v = bytes.find("go1.19.");
  ASSERT_NE(v, std::string::npos);
  EXPECT_TRUE(purls.count("pkg:golang/github.com/containers/skopeo/cmd/skopeo")) << testing::PrintToString(purls);
  bool stdlib = false;
  for (const auto& p : purls) stdlib |= p.starts_with("pkg:golang/stdlib@1.19.");
  EXPECT_TRUE(stdlib) << testing::PrintToString(purls);
  auto f = c.rules("DD41");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "DD4102");
  EXPECT_EQ(f[0].location.path, "/usr/bin/skopeo");
  EXPECT_EQ(f[0].severity, Severity::warning);  // in PATH, not the start program
}

}  // namespace
}  // namespace dd::image
