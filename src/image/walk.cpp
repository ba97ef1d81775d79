#include "image/walk.h"

#include <deque>

#include <re2/re2.h>
#include <re2/set.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>

#include "image/tar.h"
#include "image/walk_internal.h"

namespace dd::image {

namespace {
std::string lit(char c) {
  if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) return std::string("\\") + c;
  return std::string(1, c);
}
}  // namespace

std::string glob_to_regex(std::string_view g) {
  std::string r = "^";
  int braces = 0;  // open {...} alternatives
  for (size_t i = 0; i < g.size(); ++i) {
    char c = g[i];
    if (c == '*') {
      if (i + 1 < g.size() && g[i + 1] == '*') {
        bool slash_after = i + 2 < g.size() && g[i + 2] == '/';
        bool slash_before = i == 0 || g[i - 1] == '/';
        if (slash_before && slash_after) {
          // "/**/" : zero or more directories.
          if (!r.empty() && r.back() == '/') r.pop_back();
          r += "(?:/.*)?/";
          i += 2;
        } else {
          r += ".*";
          ++i;
        }
      } else {
        r += "[^/]*";
      }
    } else if (c == '?') {
      r += "[^/]";
    } else if (c == '[') {
      size_t j = g.find(']', i + 1);
      if (j == std::string_view::npos) {
        r += "\\[";
      } else {
        std::string cls(g.substr(i + 1, j - i - 1));
        if (!cls.empty() && cls[0] == '!') cls[0] = '^';
        r += "[" + cls + "]";
        i = j;
      }
    } else if (c == '{') {
      r += "(?:";
      ++braces;
    } else if (c == '}' && braces > 0) {
      r += ")";
      --braces;
    } else if (c == ',' && braces > 0) {
      r += "|";
    } else if (c == '\\' && i + 1 < g.size()) {
      r += lit(g[++i]);
    } else {
      r += lit(c);
    }
  }
  // "dir/**" matches "dir/" + anything: entries under it, not "dir" itself.
  // An unclosed "{" is closed at the end, so the pattern still compiles.
  for (; braces > 0; --braces) r += ")";
  return r + "$";
}

std::string clean_abs(std::string_view name, bool* escaped) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i <= name.size()) {
    size_t j = name.find('/', i);
    if (j == std::string_view::npos) j = name.size();
    std::string_view p = name.substr(i, j - i);
    if (p == "..") {
      if (parts.empty()) {
        if (escaped) *escaped = true;
      } else {
        parts.pop_back();
      }
    } else if (!p.empty() && p != ".") {
      parts.push_back(p);
    }
    i = j + 1;
  }
  std::string out;
  for (auto p : parts) {
    out += '/';
    out += p;
  }
  return out.empty() ? "/" : out;
}

// ---------------------------------------------------------------------------
// MergedFs

namespace {

std::string parent_of(std::string_view p) {
  size_t s = p.rfind('/');
  if (s == 0 || s == std::string_view::npos) return "/";
  return std::string(p.substr(0, s));
}

}  // namespace

std::optional<FileStat> MergedFs::stat(std::string_view path) const {
  if (path == "/") {
    FileStat st;
    st.type = FileType::dir;
    st.mode = 0755;
    return st;
  }
  auto it = nodes.find(path);
  if (it == nodes.end()) return std::nullopt;
  return it->second.st;
}

std::optional<std::string> MergedFs::readlink(std::string_view path) const {
  auto it = nodes.find(path);
  if (it == nodes.end() || it->second.st.type != FileType::symlink) return std::nullopt;
  return it->second.st.link_target;
}

std::vector<std::string> MergedFs::list(std::string_view dir) const {
  std::vector<std::string> out;
  std::string prefix = dir == "/" ? "/" : std::string(dir) + "/";
  for (auto it = nodes.lower_bound(prefix); it != nodes.end(); ++it) {
    const std::string& k = it->first;
    if (k.compare(0, prefix.size(), prefix) != 0) break;
    std::string_view rest = std::string_view(k).substr(prefix.size());
    if (rest.empty()) continue;
    size_t s = rest.find('/');
    if (s == std::string_view::npos) {
      out.emplace_back(rest);
    } else {
      // Skip the subtree: jump past "prefix + rest[0..s] + '/'".
      std::string skip = prefix + std::string(rest.substr(0, s)) + "0";  // '0' follows '/'
      it = nodes.lower_bound(skip);
      if (it == nodes.end()) break;
      --it;
    }
  }
  return out;
}

void MergedFs::for_each(std::string_view dir, const std::function<void(const std::string&, const FileStat&)>& f) const {
  std::string prefix = dir == "/" ? "/" : std::string(dir) + "/";
  for (auto it = nodes.lower_bound(prefix); it != nodes.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    f(it->first, it->second.st);
  }
}

std::optional<std::string> MergedFs::resolve(std::string_view path, bool follow) const {
  std::string todo = clean_abs(path);
  int links = 0;
  std::string cur;  // resolved so far, "" is root
  // Components left to walk, as a path.
  std::string rest = todo;
  while (true) {
    if (rest.empty() || rest == "/") return cur.empty() ? "/" : cur;
    size_t b = rest.find_first_not_of('/');
    if (b == std::string::npos) return cur.empty() ? "/" : cur;
    size_t e = rest.find('/', b);
    std::string comp = rest.substr(b, e == std::string::npos ? std::string::npos : e - b);
    rest = e == std::string::npos ? "" : rest.substr(e);
    if (comp == ".") continue;
    if (comp == "..") {
      cur = parent_of(cur.empty() ? "/" : cur);
      if (cur == "/") cur.clear();
      continue;
    }
    std::string next = cur + "/" + comp;
    auto it = nodes.find(next);
    if (it == nodes.end()) return std::nullopt;
    const FileStat& st = it->second.st;
    bool last = rest.find_first_not_of('/') == std::string::npos;
    if (st.type == FileType::symlink && (!last || follow)) {
      if (++links > 40) return std::nullopt;
      const std::string& t = st.link_target;
      if (!t.empty() && t[0] == '/') {
        cur.clear();
        rest = t + rest;
      } else {
        rest = "/" + t + rest;
      }
      if (rest.size() > 65536) return std::nullopt;
      continue;
    }
    if (!last && st.type != FileType::dir) return std::nullopt;
    cur = next;
  }
}

std::optional<std::string> MergedFs::read(std::string_view path, size_t max_bytes) const {
  auto r = resolve(path, true);
  if (!r) return std::nullopt;
  auto it = nodes.find(*r);
  if (it == nodes.end()) return std::nullopt;
  const Node* n = &it->second;
  if (n->st.type == FileType::hardlink) {
    auto t = nodes.find(n->st.link_target);
    if (t == nodes.end()) return std::nullopt;
    n = &t->second;
  }
  if (n->st.type != FileType::regular || !n->content) return std::nullopt;
  return n->content->substr(0, max_bytes);
}

// ---------------------------------------------------------------------------
// The walk

struct WalkPlan::Matcher {
  RE2::Set set{RE2::Options(), RE2::ANCHOR_BOTH};
  std::vector<int> owner;  // pattern -> analyzer index, or -(1+retain index) for retain
  std::vector<size_t> retain_max;
  bool any = false;
};

WalkPlan::WalkPlan(const std::vector<std::unique_ptr<Analyzer>>& analyzers) : m_(std::make_unique<Matcher>()) {
  // One matcher for every analyzer's patterns and every retain pattern.
  Matcher& m = *m_;
  std::string err;
  for (size_t ai = 0; ai < analyzers.size(); ++ai) {
    for (auto& p : analyzers[ai]->patterns()) {
      if (m.set.Add(glob_to_regex(p), &err) < 0) continue;
      m.owner.push_back(int(ai));
    }
    for (auto& r : analyzers[ai]->retain()) {
      if (m.set.Add(glob_to_regex(r.pattern), &err) < 0) continue;
      m.retain_max.push_back(r.max_bytes);
      m.owner.push_back(-int(m.retain_max.size()));
    }
  }
  m.any = !m.owner.empty() && m.set.Compile();
}
WalkPlan::~WalkPlan() = default;

namespace {

using Matcher = WalkPlan::Matcher;
using detail::LayerOut;
using detail::Rec;

class LayerHandler : public TarHandler {
 public:
  LayerHandler(int layer, const Matcher& m, std::vector<LayerScan*>& scans, LayerOut& out, const WalkLimits& lim)
      : layer_(layer), m_(m), scans_(scans), out_(out), lim_(lim) {}

  bool entry(const TarEntry& e) override {
    sinks_.clear();
    keep_ = nullptr;
    if (out_.recs.size() >= lim_.max_entries)
      throw TarError("more than " + std::to_string(lim_.max_entries) + " entries in one layer");
    bool escaped = false;
    std::string raw = e.name;
    bool absolute = !raw.empty() && raw[0] == '/';
    std::string path = clean_abs(raw, &escaped);
    if (escaped || absolute) {
      if (unsafe_++ < 20) out_.issues.push_back({layer_, LayerIssue::unsafe_path, raw});
    }
    if (path == "/") return false;
    if (std::count(path.begin(), path.end(), '/') > long(lim_.max_depth)) {
      if (deep_++ == 0) out_.issues.push_back({layer_, LayerIssue::unsafe_path, path.substr(0, 200) + "... (nested deeper than " + std::to_string(lim_.max_depth) + ")"});
      return false;
    }
    Rec r;
    std::string_view base = std::string_view(path).substr(path.rfind('/') + 1);
    Entry en;
    en.layer = layer_;
    if (base.rfind(".wh.", 0) == 0) {
      std::string dir = parent_of(path);
      r.whiteout = true;
      if (base == ".wh..wh..opq") {
        r.opaque = true;
        r.path = dir;
      } else {
        r.path = (dir == "/" ? "" : dir) + "/" + std::string(base.substr(4));
      }
      en.path = r.path;
      en.opaque = r.opaque;
      out_.recs.push_back(std::move(r));
      match(en.path);
      for (int a : hits_)
        if (a >= 0 && scans_[size_t(a)]) scans_[size_t(a)]->on_delete(en);
      return false;
    }
    r.path = path;
    FileStat& st = r.st;
    st.mode = e.mode;
    st.uid = e.uid;
    st.gid = e.gid;
    st.layer = layer_;
    switch (e.type) {
      case '0': case '7': case 'S': st.type = FileType::regular; st.size = e.real_size; break;
      case '1': st.type = FileType::hardlink; st.link_target = clean_abs(e.linkname); break;
      case '2': st.type = FileType::symlink; st.link_target = e.linkname; break;
      case '5': st.type = FileType::dir; break;
      default: st.type = FileType::other; break;
    }
    en.path = r.path;
    en.type = st.type;
    en.size = st.size;
    en.mode = st.mode;
    en.uid = st.uid;
    en.gid = st.gid;
    en.link_target = st.link_target;
    en.mtime = e.mtime;
    out_.recs.push_back(std::move(r));
    match(en.path);
    for (int a : hits_) {
      if (a >= 0) {
        if (scans_[size_t(a)])
          if (FileSink* s = scans_[size_t(a)]->on_file(en)) sinks_.push_back(s);
      } else if (st.type == FileType::regular && !keep_) {
        keep_max_ = m_.retain_max[size_t(-a - 1)];
        keep_ = std::make_shared<std::string>();
        keep_->reserve(std::min<uint64_t>(e.size, keep_max_));
      }
    }
    bool want = (!sinks_.empty() || keep_) && e.size > 0;
    if (!want) finish_sinks(true);
    return want;
  }

  bool data(std::span<const char> chunk) override {
    for (size_t i = 0; i < sinks_.size();) {
      if (!sinks_[i]->data(chunk)) {
        sinks_[i]->end(true);
        sinks_.erase(sinks_.begin() + long(i));
      } else {
        ++i;
      }
    }
    if (keep_) {
      size_t room = keep_max_ > keep_->size() ? keep_max_ - keep_->size() : 0;
      keep_->append(chunk.data(), std::min(room, chunk.size()));
    }
    return !sinks_.empty() || (keep_ && keep_->size() < keep_max_);
  }

  void entry_end() override {
    finish_sinks(true);
    if (keep_) {
      out_.recs.back().content = std::move(keep_);
      keep_.reset();
    }
  }
  // The layer ended inside an entry.
  void abort() { finish_sinks(false); }

 private:
  void match(const std::string& path) {
    hits_.clear();
    if (!m_.any) return;
    idx_.clear();
    m_.set.Match(path, &idx_);
    for (int i : idx_) {
      int o = m_.owner[size_t(i)];
      if (std::find(hits_.begin(), hits_.end(), o) == hits_.end()) hits_.push_back(o);
    }
  }
  void finish_sinks(bool complete) {
    for (auto* s : sinks_) s->end(complete);
    sinks_.clear();
  }

  int layer_;
  const Matcher& m_;
  std::vector<LayerScan*>& scans_;
  LayerOut& out_;
  const WalkLimits& lim_;
  std::vector<FileSink*> sinks_;
  std::shared_ptr<std::string> keep_;
  size_t keep_max_ = 0;
  std::vector<int> hits_, idx_;
  int unsafe_ = 0, deep_ = 0;
};

}  // namespace

// ---------------------------------------------------------------------------
// Reading one layer

struct detail::LayerReader::Impl {
  Impl(int index, const Matcher& m, std::vector<LayerScan*> s, LayerOut& o, const WalkLimits& l, Codec codec,
       bool hr, bool ht)
      : scans(std::move(s)), out(o), lim(l), h(index, m, scans, o, l), tar(h), index(index), hash_raw(hr),
        hash_tar(ht) {
    out.plain = codec == Codec::none;
    dec = make_decoder(codec);
    if (!hash_raw) buf.resize(1 << 20);
  }
  // Decodes and parses `in`; an error ends the layer.
  void decode(std::span<const char> in) {
    try {
      dec->feed(in, [&](std::span<const char> d) {
        out_total += d.size();
        if (out_total > lim.bomb_min && out_total > lim.bomb_ratio * std::max<uint64_t>(in_total, 1))
          throw DecodeError("decompression bomb: " + std::to_string(out_total) + " bytes from " +
                            std::to_string(in_total));
        if (hash_tar) tar_hash.update(d.data(), d.size());
        tar.feed(d);
        return true;
      });
    } catch (const std::exception& e) {
      fail(e.what());
    }
  }
  void fail(const std::string& what) {
    if (failed) return;
    failed = true;
    h.abort();
    bool bomb = what.rfind("decompression bomb", 0) == 0;
    out.issues.push_back({index, bomb ? LayerIssue::bomb : LayerIssue::unreadable, what});
    out.error = what;
  }

  std::vector<LayerScan*> scans;
  LayerOut& out;
  const WalkLimits& lim;
  LayerHandler h;
  TarParser tar;
  int index;
  bool hash_raw, hash_tar;
  std::unique_ptr<Decoder> dec;
  HashPipe raw_hash, tar_hash;
  std::vector<char> buf;
  const char* pending = nullptr;  // the last buffer()
  uint64_t in_total = 0, out_total = 0;
  bool failed = false, finished = false;
};

detail::LayerReader::LayerReader(int index, const Matcher& m, std::vector<LayerScan*> scans, LayerOut& out,
                                 const WalkLimits& lim, Codec codec, bool hash_raw, bool hash_tar)
    : p_(std::make_unique<Impl>(index, m, std::move(scans), out, lim, codec, hash_raw, hash_tar)) {}

detail::LayerReader::~LayerReader() {
  if (!p_->finished) {
    p_->fail("the layer was not read to its end");
    finish();
  }
}

std::span<char> detail::LayerReader::buffer() {
  std::span<char> b = p_->hash_raw ? p_->raw_hash.acquire() : std::span<char>(p_->buf.data(), p_->buf.size());
  p_->pending = b.data();
  return b;
}

void detail::LayerReader::commit(size_t n) {
  Impl& s = *p_;
  const char* d = s.pending;
  if (s.hash_raw) s.raw_hash.submit(n);
  s.in_total += n;
  if (!s.failed) s.decode({d, n});
}

void detail::LayerReader::feed(std::span<const char> in) {
  Impl& s = *p_;
  if (s.hash_raw) s.raw_hash.update(in.data(), in.size());
  s.in_total += in.size();
  if (!s.failed) s.decode(in);
}

bool detail::LayerReader::failed() const { return p_->failed; }
void detail::LayerReader::fail(const std::string& why) { p_->fail(why); }

void detail::LayerReader::finish() {
  Impl& s = *p_;
  if (s.finished) return;
  s.finished = true;
  if (!s.failed) {
    if (!s.dec->finished()) s.fail("the compressed stream is cut short (truncated layer)");
    else if (!s.tar.ended() && !s.tar.at_boundary()) s.fail("the tar stream is cut short inside an entry (truncated layer)");
    else s.out.complete = true;
  }
  s.out.read = s.out_total;
  if (s.hash_raw) s.out.raw_hex = s.raw_hash.hex_digest();
  if (s.hash_tar) s.out.tar_hex = s.tar_hash.hex_digest();
  for (auto* sc : s.scans)
    if (sc) sc->end_layer(s.out.complete);
}

void detail::check_digests(const LayerBlob& lb, LayerOut& out, int index) {
  if (!out.complete) return;
  if (!lb.expect.empty() && !out.raw_hex.empty()) {
    if (out.raw_hex != lb.expect)
      out.issues.push_back({index, LayerIssue::digest_mismatch, "blob sha256 differs from sha256:" + lb.expect});
    // A compressed blob checked by its own digest is authentic, and its tar with it.
    return;
  }
  // An uncompressed blob's digest is its tar's.
  const std::string& tar = out.plain ? out.raw_hex : out.tar_hex;
  if (!lb.expect_diff_id.empty() && !tar.empty() && tar != lb.expect_diff_id)
    out.issues.push_back({index, LayerIssue::digest_mismatch, "tar sha256 differs from diff_id sha256:" + lb.expect_diff_id});
}

namespace {

// One layer of a random-access source: pread 1 MiB at a time, straight into
// the hash ring when the blob is hashed.
void read_layer(const LayerBlob& lb, int index, const Matcher& m, std::vector<LayerScan*> scans, LayerOut& out,
                const WalkLimits& lim, std::atomic<uint64_t>& progress) {
  const Blob& b = lb.blob;
  // The codec first (4 bytes), so that an uncompressed layer checked by its
  // diff_id only is hashed from the read buffers too, without a copy.
  unsigned char head[4] = {};
  ssize_t hn;
  do hn = ::pread(b.file->fd, head, std::min<uint64_t>(4, b.size), off_t(b.offset));
  while (hn < 0 && errno == EINTR);
  Codec codec = sniff_codec({head, size_t(std::max<ssize_t>(hn, 0))});
  const bool plain = codec == Codec::none, check_blob = !lb.expect.empty(), check_tar = !lb.expect_diff_id.empty();
  // A compressed blob checked by its own digest is authentic, and its tar
  // with it: the tar is then not hashed again (that would cost more CPU
  // than the inflate). Without a blob digest (legacy archives), the
  // diff_id is the check; an uncompressed blob's digest is its tar's.
  const bool hash_raw = check_blob || (plain && check_tar);
  const bool hash_tar = check_tar && !plain && !check_blob;
  detail::LayerReader r(index, m, std::move(scans), out, lim, codec, hash_raw, hash_tar);
  uint64_t done = 0;
  while (done < b.size && !r.failed()) {
    std::span<char> buf = r.buffer();
    size_t want = size_t(std::min<uint64_t>({buf.size(), 1 << 20, b.size - done}));
    ssize_t n = ::pread(b.file->fd, buf.data(), want, off_t(b.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      r.fail("the blob is cut short");
      break;
    }
    done += uint64_t(n);
    progress += uint64_t(n);
    r.commit(size_t(n));
  }
  r.finish();
  detail::check_digests(lb, out, index);
}

void erase_subtree(MergedFs& fs, const std::string& dir, bool keep_dir, std::vector<Layer>& layers, uint64_t& wasted,
                   uint64_t& deleted) {
  auto credit = [&](const MergedFs::Node& n) {
    if (n.st.type == FileType::regular && n.st.layer >= 0) {
      layers[size_t(n.st.layer)].changes.wasted_bytes += n.st.size;
      wasted += n.st.size;
    }
    ++deleted;
  };
  if (!keep_dir) {
    auto it = fs.nodes.find(dir);
    if (it != fs.nodes.end()) {
      credit(it->second);
      fs.nodes.erase(it);
    }
  }
  std::string prefix = dir == "/" ? "/" : dir + "/";
  auto it = fs.nodes.lower_bound(prefix);
  auto end = it;
  while (end != fs.nodes.end() && end->first.compare(0, prefix.size(), prefix) == 0) {
    credit(end->second);
    ++end;
  }
  fs.nodes.erase(it, end);
}

void apply_layer(MergedFs& fs, LayerOut& lo, Layer& L, std::vector<Layer>& layers, WalkResult& res) {
  auto& c = L.changes;
  // Opaque directories first: they hide the lower layers' contents, not
  // what this layer puts there (which may come before the marker in the tar).
  for (auto& r : lo.recs)
    if (r.whiteout && r.opaque) erase_subtree(fs, r.path, true, layers, res.wasted_bytes, c.deleted);
  std::vector<std::pair<std::string, std::string>> links;  // hard link -> target
  while (!lo.recs.empty()) {
    Rec r = std::move(lo.recs.front());
    lo.recs.pop_front();
    r.st.layer = L.index;  // a streamed layer was read before its place was known
    if (r.whiteout) {
      if (!r.opaque) erase_subtree(fs, r.path, false, layers, res.wasted_bytes, c.deleted);
      continue;
    }
    if (r.st.type == FileType::hardlink) links.emplace_back(r.path, r.st.link_target);
    ++c.files;
    if (r.st.type == FileType::regular) {
      c.bytes += r.st.size;
      res.total_bytes += r.st.size;
    }
    auto it = fs.nodes.find(r.path);
    if (it != fs.nodes.end()) {
      MergedFs::Node& old = it->second;
      if (old.st.type == FileType::dir && r.st.type == FileType::dir) {
        old.st.mode = r.st.mode, old.st.uid = r.st.uid, old.st.gid = r.st.gid;  // same dir, new metadata
        continue;
      }
      if (old.st.layer != L.index) ++c.changed;
      if (old.st.type == FileType::regular && old.st.layer >= 0) {
        layers[size_t(old.st.layer)].changes.wasted_bytes += old.st.size;
        res.wasted_bytes += old.st.size;
      }
      if (old.st.type == FileType::dir) erase_subtree(fs, r.path, true, layers, res.wasted_bytes, c.deleted);
      old.st = r.st;
      old.content = std::move(r.content);
    } else {
      if (r.st.type != FileType::dir) ++c.added;
      // Parents a writer left out: implicit directories.
      for (std::string p = parent_of(r.path); p != "/" && !fs.nodes.count(p); p = parent_of(p)) {
        MergedFs::Node d;
        d.st.type = FileType::dir;
        d.st.mode = 0755;
        d.st.layer = L.index;
        fs.nodes.emplace(p, d);
      }
      fs.nodes.emplace(std::move(r.path), MergedFs::Node{std::move(r.st), std::move(r.content)});
    }
  }
  // Hard links: the size of their target; a missing target is an issue.
  int missing = 0;
  for (const auto& [path, target] : links) {
    auto t = fs.nodes.find(target);
    if (t == fs.nodes.end()) {
      if (missing++ < 20) lo.issues.push_back({L.index, LayerIssue::missing_link_target, path + " -> " + target});
    } else if (auto n = fs.nodes.find(path); n != fs.nodes.end() && n->second.st.type == FileType::hardlink) {
      n->second.st.size = t->second.st.size;
    }
  }
  std::deque<Rec>().swap(lo.recs);
}

}  // namespace

WalkResult detail::merge(ImageModel& model, std::vector<LayerOut>& outs,
                         std::vector<std::vector<std::unique_ptr<LayerScan>>>& scans,
                         std::vector<std::unique_ptr<Analyzer>>& analyzers, FindingSink& out) {
  WalkResult res;
  res.fs = std::make_unique<MergedFs>();
  for (size_t i = 0; i < model.layers.size() && i < outs.size(); ++i) {
    Layer& L = model.layers[i];
    L.uncompressed_size = outs[i].read;
    L.error = outs[i].error;
    apply_layer(*res.fs, outs[i], L, model.layers, res);
    for (auto& is : outs[i].issues) {
      is.layer = int(i);
      if (is.kind == LayerIssue::digest_mismatch) L.digest_ok = false;
      res.issues.push_back(is);
    }
  }
  for (auto& [p, n] : res.fs->nodes)
    if (n.st.type == FileType::regular) res.final_bytes += n.st.size;
  res.efficiency = res.total_bytes ? double(res.final_bytes) / double(res.total_bytes) : 1.0;
  // Every package reaches `out` and is kept for the inventory checks.
  struct Recording : FindingSink {
    FindingSink& to;
    std::vector<Package> packages;
    explicit Recording(FindingSink& t) : to(t) {}
    void add(Finding f) override { to.add(std::move(f)); }
    void add_package(Package p) override {
      packages.push_back(p);
      to.add_package(std::move(p));
    }
  } rec(out);
  for (size_t a = 0; a < analyzers.size(); ++a) analyzers[a]->finish(model, *res.fs, scans[a], rec);
  for (auto& a : analyzers) a->judge_inventory(model, *res.fs, rec.packages, out);
  return res;
}

detail::Progress::Progress(bool on, uint64_t total, std::string what) {
  if (!on) return;
  t_ = std::thread([this, total, what = std::move(what)] {
    while (!done_) {
      uint64_t b = bytes;
      int w = 30, fill = total ? int(std::min(1.0, double(b) / double(total)) * w) : 0;
      if (total)
        std::fprintf(stderr, "\r[%s%s] %3d%% %s", std::string(size_t(fill), '#').c_str(),
                     std::string(size_t(w - fill), ' ').c_str(), int(double(fill) / w * 100), what.c_str());
      else
        std::fprintf(stderr, "\r%llu MB %s", (unsigned long long)(b / 1000000), what.c_str());
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
    }
    std::fprintf(stderr, "\r%60s\r", "");
  });
}
void detail::Progress::stop() {
  done_ = true;
  if (t_.joinable()) t_.join();
}
detail::Progress::~Progress() { stop(); }

WalkResult walk(OpenedImage& img, std::vector<std::unique_ptr<Analyzer>>& analyzers, FindingSink& out,
                const WalkLimits& limits, const WalkPlan* plan) {
  ImageModel& model = img.model;
  const size_t nl = model.layers.size();
  for (auto& a : analyzers) a->start(model);
  std::optional<WalkPlan> own;
  if (!plan) plan = &own.emplace(analyzers);
  const Matcher& m = plan->matcher();

  std::vector<std::vector<std::unique_ptr<LayerScan>>> scans(analyzers.size());  // [analyzer][layer]
  for (auto& s : scans) s.resize(nl);
  std::vector<LayerOut> outs(nl);
  std::atomic<size_t> next{0};
  uint64_t total_in = 0;
  for (auto& lb : img.layers) total_in += lb.blob.size;
  detail::Progress bar(model.options && model.options->progress, total_in, std::to_string(nl) + " layers");

  auto worker = [&] {
    while (true) {
      size_t i = next++;
      if (i >= nl) return;
      std::vector<LayerScan*> ls(analyzers.size());
      for (size_t a = 0; a < analyzers.size(); ++a) {
        scans[a][i] = analyzers[a]->begin_layer(int(i));
        ls[a] = scans[a][i].get();
      }
      read_layer(img.layers[i], int(i), m, std::move(ls), outs[i], limits, bar.bytes);
    }
  };
  size_t nt = model.options && model.options->threads ? model.options->threads : std::thread::hardware_concurrency();
  nt = std::max<size_t>(1, std::min(nt, nl));
  std::vector<std::thread> threads;
  for (size_t t = 1; t < nt; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  bar.stop();
  return detail::merge(model, outs, scans, analyzers, out);
}

}  // namespace dd::image
