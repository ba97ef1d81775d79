#include "image/elf/elf.h"

#include <elf.h>
#include <gtest/gtest.h>

#include "docker_images.h"
#include "inv_util.h"

namespace dd::image::elf {
namespace {

using dd::test::TempDir;
using namespace dd::test::inv;
using dd::test::RunResult;

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

namespace dd::image::elf {
namespace {

// A Go 1.17-style binary: the pointer format of the build-info header, laid
// out per the ELF spec and Go's debug/buildinfo (header at a 16-aligned
// offset; two pointers to string headers {data, len}).
std::string old_go_binary() {
  std::string f(0x2000, '\0');
  auto put = [&](size_t off, uint64_t v, int n) {
    for (int i = 0; i < n; ++i) f[off + i] = static_cast<char>((v >> (8 * i)) & 0xff);
  };
  const uint64_t base = 0x400000;
  f.replace(0, 4, "\x7f" "ELF");
  f[4] = 2, f[5] = 1, f[6] = 1;
  put(16, 2, 2);            // ET_EXEC
  put(18, 62, 2);           // EM_X86_64
  put(20, 1, 4);
  put(32, 64, 8);           // e_phoff
  put(52, 64, 2);           // e_ehsize
  put(54, 56, 2);           // e_phentsize
  put(56, 1, 2);            // e_phnum
  put(64, 1, 4);            // PT_LOAD
  put(64 + 8, 0, 8);        // p_offset
  put(64 + 16, base, 8);    // p_vaddr
  put(64 + 32, f.size(), 8);
  std::string mod = std::string("0w\xaf\x0c\x92t\x08\x02\x41\xe1\xc1\x07\xe6\xd6\x18\xe6", 16) +
                    "path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\tgithub.com/pkg/errors\tv0.9.1\th1:x=\n" +
                    std::string("\xf9\x32\x43\x31\x86\x18\x20\x72\x00\x82\x42\x10\x41\x16\xd8\xf2", 16);
  // The "Go" note (.note.go.buildid): namesz 4, descsz 0, type 4, "Go\0\0".
  f.replace(0x200, 16, std::string("\x04\0\0\0\0\0\0\0\x04\0\0\0Go\0\0", 16));
  const std::string ver = "go1.16.15";
  f.replace(0x300, ver.size(), ver);          // string data (.rodata, before)
  f.replace(0x400, mod.size(), mod);
  f.replace(0x1000, 14, "\xff Go buildinf:");  // .go.buildinfo
  f[0x1000 + 14] = 8, f[0x1000 + 15] = 0;
  put(0x1010, base + 0x1100, 8);
  put(0x1018, base + 0x1110, 8);
  put(0x1100, base + 0x300, 8), put(0x1108, ver.size(), 8);  // runtime.buildVersion
  put(0x1110, base + 0x400, 8), put(0x1118, mod.size(), 8);  // runtime.modinfo
  return f;
}

TEST(ElfReader, GoPointerFormatBeforeGo118) {
  std::string f = old_go_binary();
  for (size_t chunk : {1ul, 5ul, 4096ul}) {
    ElfInfo info = feed_chunks(f, chunk);
    ASSERT_TRUE(info.go.has_value()) << chunk;
    EXPECT_FALSE(info.go->inline_format);
    EXPECT_EQ(info.go->go_version, "go1.16.15");
    EXPECT_EQ(info.go->path, "example.com/app");
    ASSERT_EQ(info.go->deps.size(), 1u);
    EXPECT_EQ(info.go->deps[0].path, "github.com/pkg/errors");
    EXPECT_EQ(info.go->deps[0].version, "v0.9.1");
  }
  // The strings lie before the blob: beyond a small prefix the version
  // cannot be read, but the modinfo is found by its sentinels in the stream.
  Limits tiny;
  tiny.prefix_bytes = 0x280;  // the Go note (0x200) in, the strings (0x300, 0x400) out
  ElfInfo info = feed_chunks(f, 512, tiny);
  ASSERT_TRUE(info.go.has_value());
  EXPECT_EQ(info.go->go_version, "");
  ASSERT_EQ(info.go->deps.size(), 1u);
  EXPECT_EQ(info.go->deps[0].version, "v0.9.1");
}

}  // namespace
}  // namespace dd::image::elf

namespace dd::image::elf {
namespace {

namespace fs = std::filesystem;

// A real Go module binary built here with Debian's Go 1.19 (with a
// dependency replaced by a local copy of a Debian Go source package), read
// against `go version -m` as the oracle.
TEST(ElfReader, GoModuleBinaryMatchesGoVersionM) {
  std::string go;
  for (const char* p : {"/usr/lib/go-1.19/bin/go", "/usr/lib/go/bin/go", "/usr/bin/go"})
    if (fs::exists(p)) go = p;
  const fs::path pm = "/usr/share/gocode/src/github.com/moby/patternmatcher";
  if (go.empty() || !fs::exists(pm / "patternmatcher.go"))
    GTEST_SKIP() << "golang-1.19-go or golang-github-moby-patternmatcher-dev missing (scripts/install-deps.sh)";
  TempDir tmp;
  fs::copy(pm, tmp.path() / "pm", fs::copy_options::recursive);
  tmp.write("pm/go.mod", "module github.com/moby/patternmatcher\n\ngo 1.19\n");
  tmp.write("go.mod",
            "module example.com/invapp\n\ngo 1.19\n\nrequire github.com/moby/patternmatcher v0.5.0\n\n"
            "replace github.com/moby/patternmatcher => ./pm\n");
  tmp.write("main.go",
            "package main\n\nimport (\n\t\"fmt\"\n\t\"github.com/moby/patternmatcher\"\n)\n\n"
            "func main() { m, _ := patternmatcher.New([]string{\"*.go\"}); fmt.Println(m != nil) }\n");
  auto app = tmp.path() / "app";
  RunResult b = dd::test::run({"sh", "-c", "cd \"$0\" && env CGO_ENABLED=0 GOFLAGS=-mod=mod GOPROXY=off GOCACHE=\"$0/cache\" \"$1\" build -o app .",
                               tmp.path().string(), go});
  ASSERT_EQ(b.status, 0) << b.out << b.err;
  RunResult m = dd::test::run({go, "version", "-m", app.string()});
  ASSERT_EQ(m.status, 0) << m.err;
  std::string bytes = slurp(app);
  ElfInfo info = feed_chunks(bytes, 1 << 18);
  ASSERT_TRUE(info.go.has_value());
  EXPECT_TRUE(info.go->inline_format);
  // First line: "PATH: go1.19.x".
  std::string first = m.out.substr(0, m.out.find('\n'));
  EXPECT_EQ(first.substr(first.rfind(' ') + 1), info.go->go_version);
  EXPECT_NE(m.out.find("\tpath\t" + info.go->path + "\n"), std::string::npos) << m.out;
  EXPECT_EQ(info.go->path, "example.com/invapp");
  EXPECT_EQ(info.go->main.path, "example.com/invapp");
  ASSERT_EQ(info.go->deps.size(), 1u) << m.out;
  EXPECT_EQ(info.go->deps[0].path, "github.com/moby/patternmatcher");
  EXPECT_EQ(info.go->deps[0].version, "v0.5.0");
  EXPECT_EQ(info.go->deps[0].replace_path, "./pm");
  EXPECT_NE(m.out.find("\tdep\tgithub.com/moby/patternmatcher\tv0.5.0"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("\t=>\t./pm\t(devel)"), std::string::npos) << m.out;
  // A static Go binary: no loader, no DT_NEEDED.
  EXPECT_FALSE(info.dynamic());
}

}  // namespace
}  // namespace dd::image::elf
