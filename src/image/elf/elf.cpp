#include "image/elf/elf.h"

#include <elf.h>

#include <algorithm>
#include <cstring>

namespace dd::image::elf {

constexpr std::string_view kGoMagic{"\xff Go buildinf:", 14};
// runtime/debug's modinfo is wrapped in these 16-byte sentinels (cmd/go's
// modload.infoStart / infoEnd).
constexpr std::string_view kInfoStart{"0w\xaf\x0c\x92t\x08\x02\x41\xe1\xc1\x07\xe6\xd6\x18\xe6", 16};
constexpr std::string_view kInfoEnd{"\xf9\x32\x43\x31\x86\x18\x20\x72\x00\x82\x42\x10\x41\x16\xd8\xf2", 16};

// Bytes of a file at known offsets: the kept prefix and the windows kept
// further on (PT_DYNAMIC, its strings, the Go blob).
struct View {
  std::string_view prefix;
  std::vector<std::pair<uint64_t, std::string_view>> windows;
  bool big = false;

  // The `n` bytes at `off`, or empty when they were not kept.
  std::string_view at(uint64_t off, uint64_t n) const {
    if (off <= prefix.size() && n <= prefix.size() - off) return prefix.substr(off, n);
    for (const auto& [woff, w] : windows)
      if (!w.empty() && off >= woff && off - woff <= w.size() && n <= w.size() - (off - woff))
        return w.substr(off - woff, n);
    return {};
  }
  // What is kept from `off` on, up to `n` bytes (maybe fewer).
  std::string_view from(uint64_t off, uint64_t n) const {
    if (off < prefix.size()) return prefix.substr(off, n);
    for (const auto& [woff, w] : windows)
      if (off >= woff && off - woff < w.size()) return w.substr(off - woff, n);
    return {};
  }
  bool has(uint64_t off, uint64_t n) const { return n == 0 || at(off, n).size() == n; }
  uint64_t uint(uint64_t off, int bytes, bool* ok) const {
    std::string_view s = at(off, bytes);
    if (s.size() != static_cast<size_t>(bytes)) {
      *ok = false;
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) {
      uint64_t b = static_cast<unsigned char>(s[i]);
      if (big)
        v = (v << 8) | b;
      else
        v |= b << (8 * i);
    }
    return v;
  }
};



static std::optional<uint64_t> vaddr_to_offset(const std::vector<Load>& loads, uint64_t v) {
  for (const Load& l : loads)
    if (v >= l.vaddr && v - l.vaddr < l.filesz) return l.offset + (v - l.vaddr);
  return std::nullopt;
}

namespace {

// A NUL-terminated string at `off`, at most `max` bytes; nullopt when the
// terminator is not within what was kept.
std::optional<std::string> cstring(const View& v, uint64_t off, uint64_t max) {
  std::string_view s = v.from(off, max);
  size_t z = s.find('\0');
  if (z != std::string_view::npos) return std::string(s.substr(0, z));
  return std::nullopt;
}

std::vector<std::string> split_paths(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t c = s.find(':', start);
    if (c == std::string::npos) c = s.size();
    if (c > start) out.push_back(s.substr(start, c - start));
    start = c + 1;
  }
  return out;
}

bool read_varint(std::string_view s, size_t& pos, uint64_t& out) {
  out = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= s.size()) return false;
    auto b = static_cast<unsigned char>(s[pos++]);
    out |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

// Strips the sentinels around modinfo, as runtime/debug does.
std::string_view strip_sentinels(std::string_view mod) {
  if (mod.size() >= 33 && mod[mod.size() - 17] == '\n') return mod.substr(16, mod.size() - 32);
  return mod;
}

bool plausible_go_version(std::string_view v) {
  if (v.empty() || v.size() > 128) return false;
  if (!(v.starts_with("go") || v.starts_with("devel"))) return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return c > ' ' && c < 0x7f; }) || v.starts_with("devel");
}

}  // namespace

std::string arch_name(uint16_t machine, int bits, bool big_endian) {
  switch (machine) {
    case EM_X86_64: return bits == 32 ? "amd64p32" : "amd64";
    case EM_386: return "386";
    case EM_AARCH64: return big_endian ? "arm64be" : "arm64";
    case EM_ARM: return big_endian ? "armbe" : "arm";
    case EM_PPC64: return big_endian ? "ppc64" : "ppc64le";
    case EM_PPC: return "ppc";
    case EM_S390: return bits == 64 ? "s390x" : "s390";
    case EM_RISCV: return bits == 64 ? "riscv64" : "riscv";
    case EM_MIPS:
    case EM_MIPS_RS3_LE:
      if (bits == 64) return big_endian ? "mips64" : "mips64le";
      return big_endian ? "mips" : "mipsle";
    case 258: return "loong64";  // EM_LOONGARCH
    case EM_SPARCV9: return "sparc64";
    case EM_IA_64: return "ia64";
    default: return "";
  }
}

void parse_modinfo(std::string_view text, GoBuildInfo& out) {
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    std::vector<std::string_view> f;
    size_t p = 0;
    while (p <= line.size() && f.size() < 8) {
      size_t t = line.find('\t', p);
      if (t == std::string_view::npos) t = line.size();
      f.push_back(line.substr(p, t - p));
      p = t + 1;
    }
    if (f.empty()) continue;
    auto mod = [&](GoModule& m) {
      m.path = std::string(f.size() > 1 ? f[1] : "");
      m.version = std::string(f.size() > 2 ? f[2] : "");
      m.sum = std::string(f.size() > 3 ? f[3] : "");
    };
    if (f[0] == "path" && f.size() > 1) {
      out.path = std::string(f[1]);
    } else if (f[0] == "mod") {
      mod(out.main);
    } else if (f[0] == "dep") {
      if (out.deps.size() >= 100000) continue;
      out.deps.emplace_back();
      mod(out.deps.back());
    } else if (f[0] == "=>") {
      GoModule* target = !out.deps.empty() ? &out.deps.back() : &out.main;
      target->replace_path = std::string(f.size() > 1 ? f[1] : "");
      target->replace_version = std::string(f.size() > 2 ? f[2] : "");
    } else if (f[0] == "build" && f.size() > 1) {
      std::string_view kv = line.substr(6);
      size_t eq = kv.find('=');
      if (eq != std::string_view::npos && out.settings.size() < 1000)
        out.settings.emplace_back(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
    }
  }
}

Reader::Reader(Limits limits) : limits_(limits) {}

void Reader::scan_go(std::string_view chunk) {
  // Fill the window after the magic.
  if (go_found_ && go_window_.size() < limits_.go_window) {
    go_window_.append(chunk.substr(0, std::min<uint64_t>(chunk.size(), limits_.go_window - go_window_.size())));
  }
  // The pre-1.18 modinfo, delimited by sentinels (found anywhere).
  if (mod_found_ && !mod_done_) {
    size_t before = mod_window_.size();
    mod_window_.append(chunk.substr(0, std::min<uint64_t>(chunk.size(), limits_.go_window - mod_window_.size())));
    size_t from = before >= kInfoEnd.size() ? before - kInfoEnd.size() : 0;
    size_t e = mod_window_.find(kInfoEnd, from);
    if (e != std::string::npos) {
      mod_window_.resize(e);
      mod_done_ = true;
    } else if (mod_window_.size() >= limits_.go_window) {
      mod_window_.clear();
      mod_done_ = true;
    }
  }
  if (go_found_ && (mod_found_ || go_window_.size() >= limits_.go_window)) return;
  // Search the tail of the last chunk plus the start of this one, then this chunk.
  std::string joined = tail_;
  joined.append(chunk.substr(0, std::min<size_t>(chunk.size(), 64)));
  uint64_t joined_off = offset_ - tail_.size();
  auto found_magic = [&](uint64_t at) {
    if (go_found_ || (at % 16) != 0) return false;
    go_found_ = true;
    go_offset_ = at;
    return true;
  };
  auto found_mod = [&](std::string_view rest_of_chunk) {
    if (mod_found_) return;
    mod_found_ = true;
    mod_window_.clear();
    mod_window_.append(rest_of_chunk.substr(0, std::min<uint64_t>(rest_of_chunk.size(), limits_.go_window)));
    size_t e = mod_window_.find(kInfoEnd);
    if (e != std::string::npos) {
      mod_window_.resize(e);
      mod_done_ = true;
    }
  };
  // Matches straddling the boundary.
  for (size_t p = 0; !go_found_ && (p = joined.find(kGoMagic, p)) != std::string::npos; ++p) {
    if (p < tail_.size() && p + kGoMagic.size() > tail_.size()) {
      if (found_magic(joined_off + p)) {
        go_window_.assign(joined, p, std::string::npos);
        go_window_.append(chunk.substr(std::min<size_t>(chunk.size(), 64)));
        if (go_window_.size() > limits_.go_window) go_window_.resize(limits_.go_window);
      }
    }
  }
  for (size_t p = 0; !mod_found_ && (p = joined.find(kInfoStart, p)) != std::string::npos; ++p) {
    if (p < tail_.size() && p + kInfoStart.size() > tail_.size()) {
      size_t in_chunk = p + kInfoStart.size() - tail_.size();
      found_mod(chunk.substr(in_chunk));
    }
  }
  // The magic sits at a 16-aligned file offset: only those are compared
  // (8 bytes at a time), which keeps the scan at memory speed.
  if (!go_found_) {
    uint64_t first8;
    memcpy(&first8, kGoMagic.data(), 8);
    size_t p = (16 - offset_ % 16) % 16;
    for (; p + kGoMagic.size() <= chunk.size(); p += 16) {
      uint64_t w;
      memcpy(&w, chunk.data() + p, 8);
      if (w == first8 && chunk.compare(p, kGoMagic.size(), kGoMagic) == 0 && found_magic(offset_ + p)) {
        go_window_.assign(chunk.substr(p, std::min<uint64_t>(chunk.size() - p, limits_.go_window)));
        break;
      }
    }
  }
  // The pre-1.18 modinfo (unaligned): searched only in Go binaries.
  if (!mod_found_ && go_note()) {
    auto* hit = static_cast<const char*>(memmem(chunk.data(), chunk.size(), kInfoStart.data(), kInfoStart.size()));
    if (hit) found_mod(chunk.substr(hit - chunk.data() + kInfoStart.size()));
  }
  size_t keep = std::max(kGoMagic.size(), kInfoStart.size()) - 1;
  if (chunk.size() >= keep) {
    tail_.assign(chunk.substr(chunk.size() - keep));
  } else {
    tail_.append(chunk);
    if (tail_.size() > keep) tail_.erase(0, tail_.size() - keep);
  }
}

View Reader::view(bool big) const {
  View v{prefix_, {}, big};
  for (const Window& w : windows_) v.windows.emplace_back(w.off, w.data);
  if (go_found_) v.windows.emplace_back(go_offset_, go_window_);
  return v;
}

// Once the program headers are in the prefix: the segments that lie beyond
// it are kept as the stream passes them (Go and other large binaries put
// PT_DYNAMIC in their last segment, tens of MB in).
void Reader::plan() {
  if (prefix_.size() < 64 && prefix_.size() < limits_.prefix_bytes) return;
  const bool full = prefix_.size() >= limits_.prefix_bytes;
  auto cls = static_cast<unsigned char>(prefix_.size() > EI_CLASS ? prefix_[EI_CLASS] : 0);
  auto data = static_cast<unsigned char>(prefix_.size() > EI_DATA ? prefix_[EI_DATA] : 0);
  if ((cls != ELFCLASS32 && cls != ELFCLASS64) || (data != ELFDATA2LSB && data != ELFDATA2MSB)) {
    planned_ = true;
    return;
  }
  const bool w = cls == ELFCLASS64;
  const int ptr = w ? 8 : 4;
  View v{prefix_, {}, data == ELFDATA2MSB};
  bool ok = true;
  uint64_t phoff = v.uint(w ? 32 : 28, ptr, &ok);
  uint64_t phentsize = v.uint(w ? 54 : 42, 2, &ok);
  uint64_t phnum = v.uint(w ? 56 : 44, 2, &ok);
  if (!ok || phentsize < (w ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr))) {
    planned_ = full || ok;
    return;
  }
  if (!v.has(phoff, phnum * phentsize)) {
    if (full || phoff > limits_.prefix_bytes) planned_ = true;
    return;
  }
  planned_ = true;
  big_ = data == ELFDATA2MSB;
  bits_ = w ? 64 : 32;
  for (uint64_t i = 0; i < phnum; ++i) {
    uint64_t h = phoff + i * phentsize;
    uint32_t type = v.uint(h, 4, &ok);
    uint64_t off = v.uint(h + (w ? 8 : 4), ptr, &ok);
    uint64_t vaddr = v.uint(h + (w ? 16 : 8), ptr, &ok);
    uint64_t filesz = v.uint(h + (w ? 32 : 16), ptr, &ok);
    if (type == PT_LOAD && loads_.size() < 64) loads_.push_back({vaddr, off, filesz});
    if ((type == PT_DYNAMIC || type == PT_INTERP) && off + filesz > limits_.prefix_bytes && off >= offset_ &&
        windows_.size() < 4)
      windows_.push_back({off, std::min<uint64_t>(filesz, 1 << 16), {}, type == PT_DYNAMIC});
  }
}

// The dynamic section is whole: keep its string table too when it is
// still ahead in the stream.
void Reader::plan_strings(const Window& dyn, uint64_t chunk_start) {
  View v{dyn.data, {}, big_};
  const int ptr = bits_ == 64 ? 8 : 4;
  std::optional<uint64_t> strtab, strsz;
  for (uint64_t e = 0; e + 2 * ptr <= dyn.data.size(); e += 2 * ptr) {
    bool ok = true;
    int64_t tag = static_cast<int64_t>(v.uint(e, ptr, &ok));
    uint64_t val = v.uint(e + ptr, ptr, &ok);
    if (bits_ == 32) tag = static_cast<int32_t>(tag);
    if (!ok || tag == DT_NULL) break;
    if (tag == DT_STRTAB) strtab = val;
    if (tag == DT_STRSZ) strsz = val;
  }
  if (!strtab) return;
  std::vector<Load> loads;
  for (const auto& l : loads_) loads.push_back({l.vaddr, l.offset, l.filesz});
  auto off = vaddr_to_offset(loads, *strtab);
  if (!off) return;
  uint64_t len = std::min<uint64_t>(strsz.value_or(1 << 20), 1 << 20);
  if (*off + len <= limits_.prefix_bytes || *off < chunk_start || windows_.size() >= 8) return;
  windows_.push_back({*off, len, {}, false});
}

// Go's linker writes a "Go" ELF note (.note.go.buildid) in the first page.
bool Reader::go_note() {
  if (go_note_ < 0 && (prefix_.size() >= 16384 || prefix_.size() >= limits_.prefix_bytes || offset_ > prefix_.size())) {
    std::string_view head = std::string_view(prefix_).substr(0, 16384);
    go_note_ = head.find(std::string_view("\x04\x00\x00\x00Go\x00\x00", 8)) != std::string_view::npos ||
                       head.find(std::string_view("\x00\x00\x00\x04Go\x00\x00", 8)) != std::string_view::npos
                   ? 1
                   : 0;
  }
  return go_note_ != 0;  // unknown yet (short file so far): search
}

bool Reader::feed(std::string_view chunk) {
  if (not_elf_) return false;
  if (prefix_.size() < limits_.prefix_bytes) {
    size_t take = std::min<uint64_t>(chunk.size(), limits_.prefix_bytes - prefix_.size());
    prefix_.append(chunk.substr(0, take));
  }
  if (prefix_.size() >= 4 && prefix_.compare(0, 4, "\x7f" "ELF") != 0) {
    not_elf_ = true;
    return false;
  }
  if (!planned_) plan();
  const uint64_t start = offset_, end = offset_ + chunk.size();
  for (size_t i = 0; i < windows_.size(); ++i) {
    Window& w = windows_[i];
    uint64_t want_from = w.off + w.data.size();
    if (w.data.size() >= w.len || want_from < start || want_from >= end) continue;
    uint64_t n = std::min<uint64_t>(w.len - w.data.size(), end - want_from);
    w.data.append(chunk.substr(want_from - start, n));
    if (w.data.size() >= w.len && w.dynamic) plan_strings(windows_[i], start);
  }
  scan_go(chunk);
  offset_ = end;
  return true;
}

ElfInfo Reader::finish() {
  ElfInfo info;
  info.size = offset_;
  if (not_elf_ || prefix_.size() < 4) {
    info.error = "not an ELF file";
    return info;
  }
  info.is_elf = true;
  if (prefix_.size() < EI_NIDENT) {
    info.error = "truncated ELF header";
    return info;
  }
  auto cls = static_cast<unsigned char>(prefix_[EI_CLASS]);
  auto data = static_cast<unsigned char>(prefix_[EI_DATA]);
  if ((cls != ELFCLASS32 && cls != ELFCLASS64) || (data != ELFDATA2LSB && data != ELFDATA2MSB)) {
    info.error = "unknown ELF class or data encoding";
    return info;
  }
  info.bits = cls == ELFCLASS64 ? 64 : 32;
  info.big_endian = data == ELFDATA2MSB;
  View v = view(info.big_endian);
  const bool w = info.bits == 64;
  const int ptr = w ? 8 : 4;
  bool ok = true;
  info.type = v.uint(16, 2, &ok);
  info.machine = v.uint(18, 2, &ok);
  info.arch = arch_name(info.machine, info.bits, info.big_endian);
  uint64_t phoff = v.uint(w ? 32 : 28, ptr, &ok);
  info.flags = v.uint(w ? 48 : 36, 4, &ok);
  uint64_t phentsize = v.uint(w ? 54 : 42, 2, &ok);
  uint64_t phnum = v.uint(w ? 56 : 44, 2, &ok);
  if (!ok) {
    info.error = "truncated ELF header";
    return info;
  }
  const uint64_t min_ph = w ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
  std::vector<Load> loads;
  std::optional<std::pair<uint64_t, uint64_t>> interp, dynamic;
  if (phnum > 0 && phentsize < min_ph) {
    info.error = "bad program header size";
    return info;
  }
  if (phnum > 0 && !v.has(phoff, phnum * phentsize)) {
    info.error = phoff > prefix_.size() ? "program headers beyond the bounded prefix" : "truncated program headers";
    info.dynamic_complete = false;
    return info;
  }
  for (uint64_t i = 0; i < phnum; ++i) {
    uint64_t h = phoff + i * phentsize;
    uint32_t type = v.uint(h, 4, &ok);
    uint64_t off, vaddr, filesz;
    if (w) {
      off = v.uint(h + 8, 8, &ok);
      vaddr = v.uint(h + 16, 8, &ok);
      filesz = v.uint(h + 32, 8, &ok);
    } else {
      off = v.uint(h + 4, 4, &ok);
      vaddr = v.uint(h + 8, 4, &ok);
      filesz = v.uint(h + 16, 4, &ok);
    }
    if (type == PT_LOAD && loads.size() < 64) loads.push_back({vaddr, off, filesz});
    if (type == PT_INTERP && !interp) interp = {off, filesz};
    if (type == PT_DYNAMIC && !dynamic) dynamic = {off, filesz};
  }
  info.header_ok = true;
  if (interp) {
    uint64_t n = std::min<uint64_t>(interp->second, 4096);
    std::string_view s = v.at(interp->first, n);
    if (s.size() == n && n > 0) {
      size_t z = s.find('\0');
      info.interpreter = std::string(s.substr(0, z));
    } else {
      info.error = "PT_INTERP beyond the bounded prefix or truncated";
      info.dynamic_complete = false;
    }
  }
  if (dynamic) {
    info.has_dynamic = true;
    const uint64_t ent = w ? 16 : 8;
    uint64_t count = std::min<uint64_t>(dynamic->second / ent, 1u << 16);
    std::optional<uint64_t> strtab, strsz;
    std::vector<uint64_t> needed;
    std::optional<uint64_t> rpath, runpath, soname;
    bool read_all = true;
    for (uint64_t i = 0; i < count; ++i) {
      uint64_t e = dynamic->first + i * ent;
      bool eok = true;
      int64_t tag = static_cast<int64_t>(v.uint(e, ptr, &eok));
      uint64_t val = v.uint(e + ptr, ptr, &eok);
      if (!eok) {
        read_all = false;
        break;
      }
      if (!w) tag = static_cast<int32_t>(tag);
      if (tag == DT_NULL) break;
      switch (tag) {
        case DT_NEEDED:
          if (needed.size() < limits_.max_strings) needed.push_back(val);
          break;
        case DT_STRTAB: strtab = val; break;
        case DT_STRSZ: strsz = val; break;
        case DT_RPATH: rpath = val; break;
        case DT_RUNPATH: runpath = val; break;
        case DT_SONAME: soname = val; break;
        default: break;
      }
    }
    std::optional<uint64_t> str_off;
    if (strtab) str_off = vaddr_to_offset(loads, *strtab);
    // Static-pie and some odd objects store the file offset directly.
    if (!str_off && strtab && loads.empty()) str_off = *strtab;
    if (!read_all) {
      info.dynamic_complete = false;
      info.error = "PT_DYNAMIC beyond the bounded prefix or truncated";
    } else if (!str_off && (!needed.empty() || rpath || runpath || soname)) {
      info.dynamic_complete = false;
      info.error = "dynamic string table not mapped by any PT_LOAD";
    } else if (str_off) {
      uint64_t limit = strsz ? *strsz : (1u << 20);
      auto str = [&](uint64_t idx) -> std::optional<std::string> {
        if (idx >= limit) return std::nullopt;
        return cstring(v, *str_off + idx, std::min<uint64_t>(limit - idx, 4096));
      };
      for (uint64_t idx : needed) {
        auto s = str(idx);
        if (!s) {
          info.dynamic_complete = false;
          info.error = "dynamic string table beyond the bounded prefix or truncated";
          continue;
        }
        info.needed.push_back(*s);
      }
      auto paths = [&](std::optional<uint64_t> idx, std::vector<std::string>& out) {
        if (!idx) return;
        auto s = str(*idx);
        if (!s) {
          info.dynamic_complete = false;
          info.error = "dynamic string table beyond the bounded prefix or truncated";
          return;
        }
        out = split_paths(*s);
        if (out.size() > limits_.max_strings) out.resize(limits_.max_strings);
      };
      paths(rpath, info.rpath);
      paths(runpath, info.runpath);
      if (soname) {
        if (auto s = str(*soname)) info.soname = *s;
      }
    }
  }
  // Go build info.
  if (go_found_ && go_window_.size() >= 32) {
    GoBuildInfo go;
    std::string_view hdr(go_window_);
    auto ptrsize = static_cast<unsigned char>(hdr[14]);
    auto gflags = static_cast<unsigned char>(hdr[15]);
    bool good = false;
    if (gflags & 2) {
      go.inline_format = true;
      size_t pos = 32;
      uint64_t n = 0;
      if (read_varint(hdr, pos, n) && n <= hdr.size() - pos) {
        go.go_version = std::string(hdr.substr(pos, n));
        pos += n;
        good = plausible_go_version(go.go_version);
        if (good && read_varint(hdr, pos, n) && n <= hdr.size() - pos)
          parse_modinfo(strip_sentinels(hdr.substr(pos, n)), go);
      }
    } else if (ptrsize == 4 || ptrsize == 8) {
      // Pointer format: two pointers to Go string headers {data, len}.
      View gv = view((gflags & 1) != 0);
      auto go_string = [&](uint64_t at_off) -> std::optional<std::string> {
        bool sok = true;
        uint64_t hv = gv.uint(at_off, ptrsize, &sok);
        if (!sok) return std::nullopt;
        auto hoff = vaddr_to_offset(loads, hv);
        if (!hoff) return std::nullopt;
        uint64_t dv = gv.uint(*hoff, ptrsize, &sok);
        uint64_t len = gv.uint(*hoff + ptrsize, ptrsize, &sok);
        if (!sok || len > limits_.go_window) return std::nullopt;
        auto doff = vaddr_to_offset(loads, dv);
        if (!doff) return std::nullopt;
        std::string_view s = gv.at(*doff, len);
        if (s.size() != len) return std::nullopt;
        return std::string(s);
      };
      if (auto ver = go_string(go_offset_ + 16); ver && plausible_go_version(*ver)) go.go_version = *ver;
      if (auto mod = go_string(go_offset_ + 16 + ptrsize)) {
        parse_modinfo(strip_sentinels(*mod), go);
      } else if (mod_done_ && !mod_window_.empty()) {
        parse_modinfo(mod_window_, go);
      }
      good = !go.go_version.empty() || !go.main.path.empty() || !go.path.empty();
    }
    if (good) info.go = std::move(go);
  }
  return info;
}

ElfInfo parse(std::string_view bytes, Limits limits) {
  Reader r(limits);
  r.feed(bytes);
  return r.finish();
}

}  // namespace dd::image::elf
