#pragma once
// A streaming ELF reader: what the binaries analyzer and the package inventory
// need from an executable or shared object, read from the file's chunks in
// order with bounded memory.
//
//   dd::image::elf::Reader r;
//   for (chunk : file) r.feed(chunk);
//   ElfInfo info = r.finish();
//
// Bounds (Limits): the first `prefix_bytes` (8 MiB) of the file are kept;
// the ELF header, program headers, PT_INTERP, PT_DYNAMIC and the dynamic
// string table are read from that prefix. Linkers put them in the first
// pages (they belong to the first PT_LOAD), so this covers real binaries;
// when one of them lies beyond the bound the reader does not guess:
// `dynamic_complete` is false and the fields it could not read stay empty, so
// callers must not judge the binary's libraries. The whole stream is scanned
// for the Go build-info blob (`\xff Go buildinf:`), wherever it is, keeping
// only a bounded window after it. Malformed or truncated input never throws:
// fields that cannot be read stay empty and `error` says why.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd::image::elf {

struct GoModule {
  std::string path;
  std::string version;
  std::string sum;
  // Set when a `=>` line replaced this module.
  std::string replace_path;
  std::string replace_version;
};

// The build information the Go linker embeds (runtime/debug.BuildInfo).
struct GoBuildInfo {
  std::string go_version;  // "go1.21.5"; empty when it could not be read
  std::string path;        // main package path ("path" line)
  GoModule main;           // "mod" line
  std::vector<GoModule> deps;
  std::vector<std::pair<std::string, std::string>> settings;  // "build" lines
  bool inline_format = false;  // Go 1.18+ varint format
};

struct ElfInfo {
  bool is_elf = false;          // the magic matched
  bool header_ok = false;       // ELF header and program headers read
  int bits = 0;                 // 32 or 64
  bool big_endian = false;
  uint16_t type = 0;            // ET_EXEC, ET_DYN, ...
  uint16_t machine = 0;         // e_machine
  uint32_t flags = 0;           // e_flags
  std::string arch;             // OCI/GOARCH name: amd64, arm64, arm, 386, ppc64le, s390x, riscv64, mips...; "" when unknown
  std::optional<std::string> interpreter;  // PT_INTERP
  bool has_dynamic = false;     // a PT_DYNAMIC segment
  bool dynamic_complete = true; // false when PT_DYNAMIC or its strings were beyond the prefix or unreadable
  std::vector<std::string> needed;   // DT_NEEDED, in order
  std::vector<std::string> rpath;    // DT_RPATH, split on ':'
  std::vector<std::string> runpath;  // DT_RUNPATH, split on ':'
  std::string soname;                // DT_SONAME
  std::optional<GoBuildInfo> go;
  uint64_t size = 0;                 // bytes fed
  std::string error;                 // why something could not be read; "" when fine

  // A dynamically linked executable or library (has a loader or DT_NEEDED).
  bool dynamic() const { return interpreter.has_value() || !needed.empty(); }
};

struct Limits {
  uint64_t prefix_bytes = 8ull << 20;   // kept from the start of the file
  uint64_t go_window = 1ull << 20;      // kept after the Go magic
  uint64_t max_strings = 4096;          // DT_NEEDED / path entries read at most
};

// The OCI architecture name of an ELF machine; "" when unknown.
std::string arch_name(uint16_t machine, int bits, bool big_endian);

struct Load {
  uint64_t vaddr, offset, filesz;
};
struct View;

class Reader {
 public:
  explicit Reader(Limits limits = {});
  // Feeds the next chunk of the file. Returns false once nothing more is
  // wanted (not an ELF file, or everything read): callers may stop feeding.
  bool feed(std::string_view chunk);
  // Parses what was kept. Call once.
  ElfInfo finish();

 private:
  struct Window {
    uint64_t off = 0, len = 0;
    std::string data;
    bool dynamic = false;
  };
  void scan_go(std::string_view chunk);
  void plan();
  bool go_note();
  int go_note_ = -1;
  void plan_strings(const Window& dyn, uint64_t chunk_start);
  View view(bool big) const;
  Limits limits_;
  bool planned_ = false;
  bool big_ = false;
  int bits_ = 64;
  std::vector<Load> loads_;
  std::vector<Window> windows_;
  std::string prefix_;
  uint64_t offset_ = 0;
  bool not_elf_ = false;
  // Go magic scanning: the tail of the previous chunk, and the window after
  // the magic once it is found.
  std::string tail_;
  bool go_found_ = false;
  uint64_t go_offset_ = 0;
  std::string go_window_;
  // The sentinel-delimited modinfo of the pre-1.18 pointer format.
  bool mod_found_ = false;
  std::string mod_tail_;
  std::string mod_window_;
  bool mod_done_ = false;
};

// Convenience: the whole file in memory (tests, small files).
ElfInfo parse(std::string_view bytes, Limits limits = {});

// Parses the text of runtime/debug.BuildInfo's module lines (path/mod/dep/=>/build).
void parse_modinfo(std::string_view text, GoBuildInfo& out);

}  // namespace dd::image::elf
