#include "image/packages/zip.h"

#include <isa-l/igzip_lib.h>

#include <cstring>
#include <optional>

#include "image/packages/parsers.h"

namespace dd::image::packages {
namespace {

uint32_t le32(const std::string& s, size_t o) {
  auto p = reinterpret_cast<const unsigned char*>(s.data() + o);
  return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}
uint16_t le16(const std::string& s, size_t o) {
  auto p = reinterpret_cast<const unsigned char*>(s.data() + o);
  return uint16_t(p[0] | (p[1] << 8));
}

constexpr size_t kMaxEntry = 1 << 20;

}  // namespace

struct JarScanner::Impl {
  enum class St { header, name, stored, inflate, skip, descriptor, done } st = St::header;
  int depth = 0;
  std::string hdr;
  uint16_t flags = 0, method = 0;
  uint64_t csize = 0, remaining = 0;
  size_t name_len = 0, extra_len = 0;
  std::string name;
  bool wanted = false;
  std::unique_ptr<JarScanner> nested;
  std::string nested_name;
  std::string buf;
  std::unique_ptr<inflate_state> inf;
  std::string recent;  // the last input bytes given to inflate
  std::vector<unsigned char> out;
  std::vector<Package> poms, nested_pkgs;
  std::optional<Package> manifest;
  uint64_t entries = 0;

  void consume(const char* p, size_t n) {
    if (wanted && buf.size() < kMaxEntry) buf.append(p, std::min(n, kMaxEntry - buf.size()));
    if (nested) nested->feed(std::string_view(p, n));
  }

  void end_entry() {
    if (wanted) {
      Package pk;
      if (name == "META-INF/MANIFEST.MF") {
        if (parse_jar_manifest(buf, pk)) manifest = pk;
      } else if (parse_pom_properties(buf, pk)) {
        poms.push_back(pk);
      }
    }
    if (nested) {
      for (auto& pk : nested->finish()) {
        if (pk.origin.empty()) pk.origin = nested_name;
        nested_pkgs.push_back(std::move(pk));
      }
      nested.reset();
    }
    wanted = false;
    buf.clear();
    st = (flags & 8) ? St::descriptor : St::header;
    hdr.clear();
  }

  void begin_entry() {
    if (++entries > 200000) {
      st = St::done;
      return;
    }
    wanted = name == "META-INF/MANIFEST.MF" ||
             (name.starts_with("META-INF/maven/") && name.ends_with("/pom.properties"));
    bool lib = name.starts_with("BOOT-INF/lib/") || name.starts_with("WEB-INF/lib/") || name.starts_with("lib/");
    if (depth < 2 && lib && name.ends_with(".jar")) {
      nested = std::make_unique<JarScanner>(depth + 1);
      nested_name = name;
    }
    bool interesting = wanted || nested;
    if (method == 0) {
      if (flags & 8) {
        st = St::done;  // stored with unknown size: cannot find the next header
        return;
      }
      remaining = csize;
      st = interesting ? St::stored : St::skip;
    } else if (method == 8) {
      if (!interesting && !(flags & 8)) {
        remaining = csize;
        st = St::skip;
        return;
      }
      if (!inf) inf = std::make_unique<inflate_state>();
      isal_inflate_init(inf.get());
      inf->crc_flag = ISAL_DEFLATE;
      remaining = (flags & 8) ? UINT64_MAX : csize;
      st = St::inflate;
      if (out.empty()) out.resize(64 << 10);
    } else {
      if (flags & 8) {
        st = St::done;
        return;
      }
      remaining = csize;
      st = St::skip;
    }
    if (st == St::skip) wanted = false, nested.reset();
  }

  bool feed(const char* p, size_t n) {
    while (n > 0 && st != St::done) {
      switch (st) {
        case St::header: {
          size_t take = std::min(n, 30 - hdr.size());
          hdr.append(p, take);
          p += take, n -= take;
          if (hdr.size() < 30) break;
          if (le32(hdr, 0) != 0x04034b50) {
            st = St::done;  // the central directory (or garbage): no more entries
            break;
          }
          flags = le16(hdr, 6);
          method = le16(hdr, 8);
          csize = le32(hdr, 18);
          name_len = le16(hdr, 26);
          extra_len = le16(hdr, 28);
          hdr.clear();
          st = St::name;
          break;
        }
        case St::name: {
          size_t want = name_len + extra_len;
          size_t take = std::min(n, want - hdr.size());
          hdr.append(p, take);
          p += take, n -= take;
          if (hdr.size() < want) break;
          name = hdr.substr(0, name_len);
          hdr.clear();
          begin_entry();
          if (st != St::done && st != St::inflate && remaining == 0) end_entry();
          break;
        }
        case St::stored:
        case St::skip: {
          size_t take = static_cast<size_t>(std::min<uint64_t>(n, remaining));
          if (st == St::stored) consume(p, take);
          p += take, n -= take, remaining -= take;
          if (remaining == 0) end_entry();
          break;
        }
        case St::inflate: {
          size_t avail = static_cast<size_t>(std::min<uint64_t>(n, remaining));
          inf->next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(p));
          inf->avail_in = static_cast<uint32_t>(std::min<size_t>(avail, 1u << 30));
          bool finished = false;
          while (true) {
            inf->next_out = out.data();
            inf->avail_out = static_cast<uint32_t>(out.size());
            int rc = isal_inflate(inf.get());
            if (rc < 0) {
              st = St::done;
              return false;
            }
            size_t produced = out.size() - inf->avail_out;
            consume(reinterpret_cast<const char*>(out.data()), produced);
            if (inf->block_state == ISAL_BLOCK_FINISH) {
              finished = true;
              break;
            }
            if (inf->avail_in == 0 && produced < out.size()) break;
          }
          size_t used = avail - inf->avail_in;
          // isa-l reads ahead: whole bytes still in its bit buffer belong to
          // what follows the deflate stream.
          std::string replay;
          if (finished) {
            size_t over = static_cast<size_t>(inf->read_in_length / 8);
            if (over <= used) {
              used -= over;
            } else {
              // Read ahead from an earlier chunk: given back from `recent`.
              size_t back = std::min(over - used, recent.size());
              replay = recent.substr(recent.size() - back);
              used = 0;
            }
            recent.clear();
          } else {
            recent.append(p + (used > 16 ? used - 16 : 0), std::min<size_t>(used, 16));
            if (recent.size() > 16) recent.erase(0, recent.size() - 16);
          }
          p += used, n -= used;
          if (remaining != UINT64_MAX) remaining -= used;
          if (finished) {
            // Known size: the rest of the entry (replayed bytes included) is skipped.
            uint64_t left = remaining == UINT64_MAX ? 0 : remaining + replay.size();
            end_entry();
            if (left > 0) {
              // Bytes after the deflate stream within the entry: skipped.
              st = St::skip;
              remaining = left;
            }
            if (!replay.empty() && !feed(replay.data(), replay.size())) return false;
          } else if (remaining == 0) {
            st = St::done;  // the compressed size ended before the stream
          }
          break;
        }
        case St::descriptor: {
          // [signature] crc32 csize usize (zip64's 8-byte sizes are not handled)
          size_t want = hdr.size() >= 4 && le32(hdr, 0) == 0x08074b50 ? 16 : hdr.size() < 4 ? 4 : 12;
          size_t take = std::min(n, want - hdr.size());
          hdr.append(p, take);
          p += take, n -= take;
          if (hdr.size() == want && want != 4) {
            hdr.clear();
            st = St::header;
          }
          break;
        }
        case St::done: break;
      }
    }
    return st != St::done;
  }
};

JarScanner::JarScanner(int depth) : impl_(std::make_unique<Impl>()) { impl_->depth = depth; }
JarScanner::~JarScanner() = default;

bool JarScanner::feed(std::string_view chunk) { return impl_->feed(chunk.data(), chunk.size()); }

std::vector<Package> JarScanner::finish() {
  std::vector<Package> out = impl_->poms;
  if (out.empty() && impl_->manifest) out.push_back(*impl_->manifest);
  for (auto& p : impl_->nested_pkgs) out.push_back(p);
  return out;
}

}  // namespace dd::image::packages
