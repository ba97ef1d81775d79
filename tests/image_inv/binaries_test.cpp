#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "docker_images.h"
#include "image/binaries/check.h"
#include "mem_fs.h"

namespace dd::image::binaries {
namespace {

using dd::test::TempDir;
using namespace dd::test::inv;

std::vector<Finding> run_check(const MemImage& img) {
  Inputs in{&img.fs, &img.config, &img.elves, &img.shebangs, "test", {}};
  return check(in);
}

std::vector<std::string> rules(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.push_back(f.rule + " " + f.location.path);
  return out;
}

const char* kLoader = "/lib64/ld-linux-x86-64.so.2";
const char* kLibDir = "/lib/x86_64-linux-gnu";

// The host's glibc as an image has it: loader, libc and the libs ls needs.
void add_glibc(MemImage& img) {
  img.host("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
  img.link(kLoader, "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
  for (const char* lib : {"libc.so.6", "libselinux.so.1", "libpcre2-8.so.0"})
    img.host(std::string(kLibDir) + "/" + lib, std::string(kLibDir) + "/" + lib, 0644);
}

TEST(Binaries, GlibcLsOnAGlibcImageIsClean) {
  MemImage img;
  add_glibc(img);
  img.host("/usr/bin/ls", "/usr/bin/ls");
  img.config.entrypoint = {"ls"};
  EXPECT_TRUE(run_check(img).empty()) << testing::PrintToString(rules(run_check(img)));
}

TEST(Binaries, GlibcBinaryOnBusyboxHasNoLoader) {
  MemImage img;
  img.host("/usr/bin/ls", "/usr/bin/ls");
  img.config.cmd = {"/usr/bin/ls"};
  auto fs = run_check(img);
  ASSERT_EQ(fs.size(), 1u) << testing::PrintToString(rules(fs));
  EXPECT_EQ(fs[0].rule, "DD4102");
  EXPECT_EQ(fs[0].severity, Severity::error);
  EXPECT_NE(fs[0].root_cause.find("no C library"), std::string::npos) << fs[0].root_cause;
  EXPECT_NE(fs[0].message.find(kLoader), std::string::npos);
  // On a musl image, the root cause says so.
  img.file("/lib/ld-musl-x86_64.so.1", std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(64, '\0'));
  fs = run_check(img);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0].root_cause.find("glibc binary on a musl image"), std::string::npos) << fs[0].root_cause;
}

TEST(Binaries, MissingLibraryFoundThroughRunpathOriginOrLdSoConf) {
  TempDir tmp;
  auto lib = tmp.path() / "libinv.so";
  ASSERT_TRUE(cc("int inv_answer(void){return 42;}", lib, {"-shared", "-fPIC", "-Wl,-soname,libinv.so.1"}));
  auto bin = tmp.path() / "app";
  ASSERT_TRUE(cc("int inv_answer(void); int main(void){return inv_answer()==42?0:1;}", bin,
                 {"-L" + tmp.path().string(), "-linv", "-Wl,--enable-new-dtags", "-Wl,-rpath,$ORIGIN/../lib"}));
  MemImage img;
  add_glibc(img);
  img.host(bin, "/opt/app/bin/app");
  img.config.entrypoint = {"/opt/app/bin/app"};
  auto fs = run_check(img);
  ASSERT_EQ(fs.size(), 1u) << testing::PrintToString(rules(fs));
  EXPECT_EQ(fs[0].rule, "DD4103");
  EXPECT_NE(fs[0].title.find("libinv.so.1"), std::string::npos);
  EXPECT_NE(fs[0].message.find("/opt/app/lib"), std::string::npos) << fs[0].message;  // $ORIGIN expanded
  // In /opt/app/lib: found through $ORIGIN/../lib.
  {
    MemImage ok = img;
    ok.host(lib, "/opt/app/lib/libinv.so.1", 0644);
    EXPECT_TRUE(run_check(ok).empty()) << testing::PrintToString(rules(run_check(ok)));
  }
  // Elsewhere, found only through an ld.so.conf include glob.
  {
    MemImage ok = img;
    ok.host(lib, "/usr/local/custom/libinv.so.1", 0644);
    EXPECT_EQ(run_check(ok).size(), 1u);
    ok.file("/etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n", 0644);
    ok.file("/etc/ld.so.conf.d/custom.conf", "# mine\n/usr/local/custom\n", 0644);
    EXPECT_TRUE(run_check(ok).empty()) << testing::PrintToString(rules(run_check(ok)));
  }
  // Through LD_LIBRARY_PATH in Env, via a symlinked folder.
  {
    MemImage ok = img;
    ok.host(lib, "/srv/real/libinv.so.1", 0644);
    ok.link("/srv/libs", "real");
    ok.config.env = {"PATH=/usr/bin:/bin", "LD_LIBRARY_PATH=/srv/libs"};
    EXPECT_TRUE(run_check(ok).empty()) << testing::PrintToString(rules(run_check(ok)));
  }
  // A library of another machine in the folder does not count.
  {
    auto arm = dd::test::foreign_arch_busybox();
    if (!arm.empty()) {
      MemImage bad = img;
      bad.host(arm, "/opt/app/lib/libinv.so.1", 0644);
      auto f = run_check(bad);
      ASSERT_EQ(f.size(), 1u);
      EXPECT_EQ(f[0].rule, "DD4103");
    }
  }
}

// /etc/ld.so.cache as glibc's loader reads it, after RUNPATH and before the
// default folders: the caches are written by the host's real ldconfig
// (-r ROOT), in the new format and in the compat one (old + new).
TEST(Binaries, LdSoCacheInBothFormats) {
  TempDir tmp;
  auto lib = tmp.path() / "libinv.so";
  ASSERT_TRUE(cc("int inv_answer(void){return 42;}", lib, {"-shared", "-fPIC", "-Wl,-soname,libinv.so.1"}));
  auto bin = tmp.path() / "app";
  ASSERT_TRUE(cc("int inv_answer(void); int main(void){return inv_answer()==42?0:1;}", bin,
                 {"-L" + tmp.path().string(), "-linv"}));
  // ROOT/opt/cached holds the library; the cache is built from a conf file
  // the image then leaves out (only the cache knows the folder).
  auto write_cache = [&](const std::string& format, bool with_dir) -> std::string {
    auto root = tmp.path() / ("root-" + format + (with_dir ? "" : "-stale"));
    std::filesystem::create_directories(root / "opt/cached");
    std::filesystem::create_directories(root / "etc");
    std::filesystem::copy_file(lib, root / "opt/cached/libinv.so.1", std::filesystem::copy_options::overwrite_existing);
    dd::test::run({"sh", "-c", "printf '" + std::string(with_dir ? "/opt/cached\\n" : "") + "' > " + (root / "etc/ld.so.conf").string()});
    auto r = dd::test::run({"ldconfig", "-r", root.string(), "-X", "-c", format, "-C", "/etc/ld.so.cache", "-f", "/etc/ld.so.conf"});
    EXPECT_EQ(r.status, 0) << r.err;
    std::ifstream in(root / "etc/ld.so.cache", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  for (const std::string format : {"new", "compat"}) {
    SCOPED_TRACE(format);
    std::string cache = write_cache(format, true);
    ASSERT_GT(cache.size(), 48u);
    EXPECT_EQ(cache.rfind(format == "new" ? "glibc-ld.so.cache1.1" : "ld.so-1.7.0", 0), 0u);
    auto entries = parse_ld_so_cache(cache);
    ASSERT_TRUE(entries);
    EXPECT_NE(std::find(entries->begin(), entries->end(), std::pair<std::string, std::string>{"libinv.so.1", "/opt/cached/libinv.so.1"}),
              entries->end());
    MemImage img;
    add_glibc(img);
    img.host(bin, "/usr/local/bin/app");
    img.host(lib, "/opt/cached/libinv.so.1", 0644);
    img.config.entrypoint = {"app"};
    // No cache and no conf: not found.
    auto f = run_check(img);
    ASSERT_EQ(f.size(), 1u) << testing::PrintToString(rules(f));
    EXPECT_EQ(f[0].rule, "DD4103");
    // The cache alone finds it.
    img.file("/etc/ld.so.cache", cache, 0644);
    EXPECT_TRUE(run_check(img).empty()) << testing::PrintToString(rules(run_check(img)));
    // A cache that ldconfig built before the folder was configured: the
    // loader reads the cache, not ld.so.conf, so it is not found.
    MemImage stale = img;
    stale.file("/etc/ld.so.cache", write_cache(format, false), 0644);
    stale.file("/etc/ld.so.conf", "/opt/cached\n", 0644);
    f = run_check(stale);
    ASSERT_EQ(f.size(), 1u) << testing::PrintToString(rules(f));
    EXPECT_NE(f[0].message.find("/etc/ld.so.cache"), std::string::npos) << f[0].message;
  }
  // Not a cache (cut short, another magic): the ld.so.conf folders instead.
  EXPECT_FALSE(parse_ld_so_cache("glibc-ld.so.cache1.1"));
  EXPECT_FALSE(parse_ld_so_cache("not a cache at all, not at all"));
  std::string cut = write_cache("compat", true).substr(0, 40);
  EXPECT_FALSE(parse_ld_so_cache(cut));
  MemImage img;
  add_glibc(img);
  img.host(bin, "/usr/local/bin/app");
  img.host(lib, "/opt/cached/libinv.so.1", 0644);
  img.config.entrypoint = {"app"};
  img.file("/etc/ld.so.cache", cut, 0644);
  img.file("/etc/ld.so.conf", "/opt/cached\n", 0644);
  EXPECT_TRUE(run_check(img).empty()) << testing::PrintToString(rules(run_check(img)));
}

TEST(Binaries, HardLinksAreFollowedToTheirFile) {
  MemImage img;
  add_glibc(img);
  // A hard-linked library and a hard-linked program (as /usr/bin/perl and perl5.36.0).
  std::string pcre = std::string(kLibDir) + "/libpcre2-8.so.0";
  img.dirs("/usr/lib/pcre-real.so");
  img.fs.nodes["/usr/lib/pcre-real.so"] = img.fs.nodes[pcre];
  img.elves["/usr/lib/pcre-real.so"] = img.elves[pcre];
  img.elves.erase(pcre);
  img.hardlink(pcre, "/usr/lib/pcre-real.so");
  img.host("/usr/bin/ls", "/usr/bin/ls");
  img.hardlink("/usr/bin/dir2", "/usr/bin/ls");
  img.config.cmd = {"dir2"};
  EXPECT_TRUE(run_check(img).empty()) << testing::PrintToString(rules(run_check(img)));
  // Without the loader, the program behind the hard link is judged once.
  img.fs.nodes.erase(kLoader);
  auto fs = run_check(img);
  ASSERT_EQ(fs.size(), 1u) << testing::PrintToString(rules(fs));
  EXPECT_EQ(fs[0].rule, "DD4102");
  EXPECT_EQ(fs[0].location.path, "/usr/bin/ls");
}

TEST(Binaries, TransitiveDependencyMissing) {
  MemImage img;
  add_glibc(img);
  img.fs.nodes.erase(std::string(kLibDir) + "/libpcre2-8.so.0");
  img.elves.erase(std::string(kLibDir) + "/libpcre2-8.so.0");
  img.host("/usr/bin/ls", "/usr/bin/ls");
  auto fs = run_check(img);
  ASSERT_EQ(fs.size(), 1u) << testing::PrintToString(rules(fs));
  EXPECT_EQ(fs[0].rule, "DD4103");
  EXPECT_NE(fs[0].message.find("needed by /lib/x86_64-linux-gnu/libselinux.so.1"), std::string::npos) << fs[0].message;
  EXPECT_EQ(fs[0].severity, Severity::warning);  // in PATH, not the start program
}

TEST(Binaries, ForeignArchitectureBinary) {
  auto arm = dd::test::foreign_arch_busybox();
  if (arm.empty()) GTEST_SKIP() << "busybox-static:arm64 could not be downloaded";
  MemImage img;
  img.host(arm, "/bin/busybox");
  img.link("/bin/sh", "busybox");
  img.link("/bin/ls", "/bin/busybox");
  img.config.cmd = {"sh"};
  auto fs = run_check(img);
  ASSERT_EQ(fs.size(), 1u) << testing::PrintToString(rules(fs));  // one binary, however many links
  EXPECT_EQ(fs[0].rule, "DD4101");
  EXPECT_EQ(fs[0].location.path, "/bin/busybox");
  EXPECT_NE(fs[0].title.find("arm64"), std::string::npos);
  img.config.platform.arch = "arm64";
  EXPECT_TRUE(run_check(img).empty());
}

TEST(Binaries, StaticBinaryIsClean) {
  TempDir tmp;
  auto bin = tmp.path() / "static";
  ASSERT_TRUE(cc("int main(void){return 0;}", bin, {"-static"}));
  MemImage img;
  img.host(bin, "/app");
  img.config.entrypoint = {"/app"};
  EXPECT_TRUE(run_check(img).empty());
}

TEST(Binaries, EntrypointAndShebang) {
  TempDir tmp;
  auto bin = tmp.path() / "static";
  ASSERT_TRUE(cc("int main(void){return 0;}", bin, {"-static"}));
  MemImage img;
  img.host(bin, "/bin/sh");
  img.config.env = {"PATH=/usr/local/bin:/bin"};
  img.config.entrypoint = {"server"};
  auto fs = run_check(img);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].rule, "DD4104");
  EXPECT_NE(fs[0].message.find("/usr/local/bin:/bin"), std::string::npos);
  // A script whose interpreter is missing.
  img.file("/usr/local/bin/server", "#!/usr/bin/python3 -u\nprint('hi')\n");
  fs = run_check(img);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].rule, "DD4105");
  EXPECT_NE(fs[0].title.find("/usr/bin/python3"), std::string::npos);
  // `#!/usr/bin/env node`: env is there, node is not in PATH.
  img.file("/usr/local/bin/server", "#!/usr/bin/env node\nconsole.log(1)\n");
  img.host(bin, "/usr/bin/env");
  fs = run_check(img);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].rule, "DD4105");
  EXPECT_NE(fs[0].title.find("node"), std::string::npos);
  img.host(bin, "/usr/local/bin/node");
  EXPECT_TRUE(run_check(img).empty());
  // Shell form through /bin/sh is found.
  img.config.entrypoint = {"/bin/sh", "-c", "exec server"};
  EXPECT_TRUE(run_check(img).empty());
}

TEST(Binaries, NativePythonExtensionChecked) {
  TempDir tmp;
  auto lib = tmp.path() / "libdep.so";
  ASSERT_TRUE(cc("int dep(void){return 1;}", lib, {"-shared", "-fPIC", "-Wl,-soname,libdep.so.3"}));
  auto ext = tmp.path() / "ext.so";
  ASSERT_TRUE(cc("int dep(void); int PyInit_ext(void){return dep();}", ext, {"-shared", "-fPIC", "-L" + tmp.path().string(), "-ldep"}));
  MemImage img;
  add_glibc(img);
  img.host(ext, "/usr/lib/python3/dist-packages/ext.cpython-311-x86_64-linux-gnu.so", 0644);
  auto fs = run_check(img);
  ASSERT_EQ(fs.size(), 1u) << testing::PrintToString(rules(fs));
  EXPECT_EQ(fs[0].rule, "DD4103");
  EXPECT_NE(fs[0].title.find("libdep.so.3"), std::string::npos);
  img.host(lib, "/usr/lib/x86_64-linux-gnu/libdep.so.3", 0644);
  EXPECT_TRUE(run_check(img).empty());
}

TEST(Binaries, MuslSearchOrder) {
  MemImage img;
  img.config.platform.arch = "amd64";
  // A musl-linked program (synthetic): reads only interp and needed.
  TempDir tmp;
  auto lib = tmp.path() / "libm2.so";
  ASSERT_TRUE(cc("int m2(void){return 1;}", lib, {"-shared", "-fPIC", "-Wl,-soname,libm2.so.1"}));
  auto bin = tmp.path() / "p";
  ASSERT_TRUE(cc("int m2(void); int main(void){return m2();}", bin,
                 {"-L" + tmp.path().string(), "-lm2", "-Wl,--dynamic-linker=/lib/ld-musl-x86_64.so.1"}));
  img.host(bin, "/usr/bin/p");
  img.host(lib, "/lib/ld-musl-x86_64.so.1");  // any ELF stands in for the loader
  img.link("/lib/libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1");
  // libc.so.6 (glibc's name, linked on this host) is not a musl built-in: missing.
  auto fs = run_check(img);
  ASSERT_GE(fs.size(), 1u);
  bool m2 = false;
  for (auto& f : fs) m2 |= f.title.find("libm2.so.1") != std::string::npos;
  EXPECT_TRUE(m2);
  // In the musl path file's folder: found.
  img.host(lib, "/opt/musl/libm2.so.1", 0644);
  img.file("/etc/ld-musl-x86_64.path", "/opt/musl:/lib\n", 0644);
  fs = run_check(img);
  for (auto& f : fs) EXPECT_EQ(f.title.find("libm2.so.1"), std::string::npos) << f.title;
}

}  // namespace
}  // namespace dd::image::binaries
