#include "image/elf/elf.h"

#include <elf.h>
#include <gtest/gtest.h>

#include "docker_images.h"
#include "inv_util.h"

namespace dd::image::elf {
namespace {

using dd::test::TempDir;
using namespace dd::test::inv;

ElfInfo feed_chunks(std::string_view bytes, size_t chunk, Limits limits = {}) {
  Reader r(limits);
  for (size_t off = 0; off < bytes.size(); off += chunk) r.feed(bytes.substr(off, chunk));
  return r.finish();
}

TEST(ElfReader, HostLsMatchesReadelf) {
  std::string bytes = slurp("/usr/bin/ls");
  ASSERT_FALSE(bytes.empty());
  ElfInfo info = parse(bytes);
  EXPECT_TRUE(info.is_elf);
  EXPECT_TRUE(info.header_ok);
  EXPECT_EQ(info.bits, 64);
  EXPECT_FALSE(info.big_endian);
  EXPECT_EQ(info.machine, EM_X86_64);
  EXPECT_EQ(info.arch, "amd64");
  ASSERT_TRUE(info.interpreter.has_value());
  EXPECT_EQ(*info.interpreter, "/lib64/ld-linux-x86-64.so.2");
  EXPECT_TRUE(info.dynamic_complete);
  EXPECT_EQ(info.needed, readelf_needed("/usr/bin/ls"));
  EXPECT_FALSE(info.needed.empty());
  EXPECT_FALSE(info.go.has_value());
  EXPECT_TRUE(info.error.empty()) << info.error;
}

TEST(ElfReader, SharedLibrarySonameAndChunkingGiveTheSameAnswer) {
  // libc itself: a SONAME, no interpreter... (glibc's libc.so.6 has PT_INTERP
  // too: it can be run). Compare with readelf.
  std::filesystem::path libc = "/lib/x86_64-linux-gnu/libc.so.6";
  std::string bytes = slurp(libc);
  ASSERT_FALSE(bytes.empty());
  ElfInfo whole = parse(bytes);
  auto soname = readelf_needed(libc, "SONAME");
  ASSERT_EQ(soname.size(), 1u);
  EXPECT_EQ(whole.soname, soname[0]);
  EXPECT_EQ(whole.needed, readelf_needed(libc));
  for (size_t chunk : {1ul, 7ul, 4096ul, 65536ul}) {
    if (chunk == 1 && bytes.size() > (4u << 20)) continue;
    ElfInfo c = feed_chunks(bytes, chunk);
    EXPECT_EQ(c.needed, whole.needed) << chunk;
    EXPECT_EQ(c.soname, whole.soname) << chunk;
    EXPECT_EQ(c.interpreter, whole.interpreter) << chunk;
  }
}

TEST(ElfReader, RpathRunpathAndOriginFromACompiledBinary) {
  TempDir tmp;
  auto lib = tmp.path() / "libinv.so";
  ASSERT_TRUE(cc("int inv_answer(void){return 42;}", lib, {"-shared", "-fPIC", "-Wl,-soname,libinv.so.1"}));
  auto bin = tmp.path() / "prog";
  ASSERT_TRUE(cc("int inv_answer(void); int main(void){return inv_answer()==42?0:1;}", bin,
                 {"-L" + tmp.path().string(), "-linv", "-Wl,--enable-new-dtags", "-Wl,-rpath,$ORIGIN/../lib:/opt/x"}));
  ElfInfo info = parse(slurp(bin));
  EXPECT_EQ(info.needed, readelf_needed(bin));
  EXPECT_EQ(info.needed.front(), "libinv.so.1");
  EXPECT_TRUE(info.rpath.empty());
  EXPECT_EQ(info.runpath, (std::vector<std::string>{"$ORIGIN/../lib", "/opt/x"}));
  auto old = tmp.path() / "prog-rpath";
  ASSERT_TRUE(cc("int inv_answer(void); int main(void){return inv_answer();}", old,
                 {"-L" + tmp.path().string(), "-linv", "-Wl,--disable-new-dtags", "-Wl,-rpath,/usr/local/inv"}));
  ElfInfo o = parse(slurp(old));
  EXPECT_EQ(o.rpath, std::vector<std::string>{"/usr/local/inv"});
  EXPECT_TRUE(o.runpath.empty());
  ElfInfo l = parse(slurp(lib));
  EXPECT_EQ(l.soname, "libinv.so.1");
  EXPECT_FALSE(l.interpreter.has_value());
}

TEST(ElfReader, StaticBinaryHasNoLoaderNorNeeded) {
  TempDir tmp;
  auto bin = tmp.path() / "static";
  ASSERT_TRUE(cc("int main(void){return 0;}", bin, {"-static"}));
  ElfInfo info = parse(slurp(bin));
  EXPECT_TRUE(info.header_ok);
  EXPECT_FALSE(info.interpreter.has_value());
  EXPECT_TRUE(info.needed.empty());
  EXPECT_FALSE(info.dynamic());
  EXPECT_EQ(info.arch, "amd64");
}

TEST(ElfReader, ForeignArchBusyboxIsArm64) {
  auto path = dd::test::foreign_arch_busybox();
  if (path.empty()) GTEST_SKIP() << "busybox-static:arm64 could not be downloaded";
  ElfInfo info = parse(slurp(path));
  EXPECT_EQ(info.machine, EM_AARCH64);
  EXPECT_EQ(info.arch, "arm64");
  EXPECT_FALSE(info.interpreter.has_value());
  EXPECT_TRUE(info.needed.empty());
}

TEST(ElfReader, GoBuildInfoOfDebiansSkopeoStreamed) {
  std::filesystem::path skopeo = "/usr/bin/skopeo";
  if (!std::filesystem::exists(skopeo)) GTEST_SKIP() << "skopeo is not installed";
  std::string bytes = slurp(skopeo);
  // The magic is found wherever it is, with a prefix far smaller than the file.
  Limits small;
  small.prefix_bytes = 64 << 10;
  ElfInfo info = feed_chunks(bytes, 65536, small);
  ASSERT_TRUE(info.go.has_value());
  EXPECT_TRUE(info.go->inline_format);
  EXPECT_TRUE(info.go->go_version.starts_with("go1.")) << info.go->go_version;
  // The version string is in the binary as `go version -m` prints it.
  EXPECT_NE(bytes.find(info.go->go_version), std::string::npos);
  EXPECT_NE(info.go->path.find("skopeo"), std::string::npos) << info.go->path;
  // Debian builds it in GOPATH mode: no module lines, only the settings.
  EXPECT_EQ(info.go->path, "github.com/containers/skopeo/cmd/skopeo");
  bool cgo = false;
  for (const auto& [k, v] : info.go->settings) cgo |= k == "CGO_ENABLED" && v == "1";
  EXPECT_TRUE(cgo);
  // PT_DYNAMIC is in the last segment, ~15 MB in: kept as the stream passed it.
  EXPECT_TRUE(info.dynamic_complete) << info.error;
  EXPECT_EQ(info.needed, readelf_needed(skopeo));
  // The same with the default prefix and another chunking.
  ElfInfo again = feed_chunks(bytes, 1 << 20);
  ASSERT_TRUE(again.go.has_value());
  EXPECT_EQ(again.go->go_version, info.go->go_version);
  EXPECT_EQ(again.go->deps.size(), info.go->deps.size());
  EXPECT_EQ(again.needed, readelf_needed(skopeo));
}

TEST(ElfReader, DynamicBeyondTheBoundIsReportedNotGuessed) {
  std::string bytes = slurp("/usr/bin/ls");
  Limits tiny;
  tiny.prefix_bytes = 1024;  // headers fit, .dynamic (at 0x23d98) does not
  ElfInfo info = feed_chunks(bytes, 4096, tiny);
  EXPECT_TRUE(info.header_ok);
  EXPECT_FALSE(info.dynamic_complete);
  EXPECT_TRUE(info.needed.empty());
  EXPECT_FALSE(info.error.empty());
}

TEST(ElfReader, TruncatedAndCorruptInputNeverCrashes) {
  std::string bytes = slurp("/usr/bin/ls");
  for (size_t n = 0; n < 8192 && n < bytes.size(); n += 13) {
    ElfInfo info = parse(std::string_view(bytes).substr(0, n));
    if (n >= 4) EXPECT_TRUE(info.is_elf);
  }
  // Every byte of the header and program headers flipped in turn.
  for (size_t i = 0; i < 64 + 13 * 56; ++i) {
    std::string c = bytes.substr(0, 200000);
    c[i] = static_cast<char>(c[i] ^ 0xff);
    (void)parse(c);
  }
  EXPECT_FALSE(parse("#!/bin/sh\necho hi\n").is_elf);
  EXPECT_FALSE(parse("").is_elf);
}

TEST(ElfReader, ArchNames) {
  EXPECT_EQ(arch_name(EM_X86_64, 64, false), "amd64");
  EXPECT_EQ(arch_name(EM_AARCH64, 64, false), "arm64");
  EXPECT_EQ(arch_name(EM_ARM, 32, false), "arm");
  EXPECT_EQ(arch_name(EM_386, 32, false), "386");
  EXPECT_EQ(arch_name(EM_PPC64, 64, false), "ppc64le");
  EXPECT_EQ(arch_name(EM_PPC64, 64, true), "ppc64");
  EXPECT_EQ(arch_name(EM_S390, 64, true), "s390x");
  EXPECT_EQ(arch_name(EM_RISCV, 64, false), "riscv64");
  EXPECT_EQ(arch_name(EM_MIPS, 32, true), "mips");
  EXPECT_EQ(arch_name(EM_MIPS, 64, false), "mips64le");
  EXPECT_EQ(arch_name(12345, 64, false), "");
}

TEST(ElfReader, ModinfoLines) {
  GoBuildInfo go;
  parse_modinfo(
      "path\texample.com/cmd/app\nmod\texample.com\tv1.2.3\th1:abc=\ndep\tgolang.org/x/sys\tv0.1.0\th1:x=\n"
      "dep\tgithub.com/a/b\tv1.0.0\n=>\t../b\t(devel)\t\nbuild\t-ldflags=-s -w\nbuild\tCGO_ENABLED=0\n",
      go);
  EXPECT_EQ(go.path, "example.com/cmd/app");
  EXPECT_EQ(go.main.path, "example.com");
  EXPECT_EQ(go.main.version, "v1.2.3");
  ASSERT_EQ(go.deps.size(), 2u);
  EXPECT_EQ(go.deps[0].version, "v0.1.0");
  EXPECT_EQ(go.deps[1].replace_path, "../b");
  ASSERT_EQ(go.settings.size(), 2u);
  EXPECT_EQ(go.settings[0].first, "-ldflags");
  EXPECT_EQ(go.settings[0].second, "-s -w");
}

}  // namespace
}  // namespace dd::image::elf
