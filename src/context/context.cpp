// The build-context walk: what the engine receives after .dockerignore, and
// which of it each COPY/ADD source sends.
#include "context/context.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>

namespace fs = std::filesystem;

namespace dd::context {
namespace {

constexpr size_t kMaxIgnoreFile = 16u << 20;
constexpr size_t kMaxPath = 4096;

std::string read_limited(const fs::path& p, size_t limit) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  std::string out(limit, '\0');
  in.read(out.data(), static_cast<std::streamsize>(limit));
  out.resize(static_cast<size_t>(in.gcount()));
  return out;
}

bool by_path(const Entry& a, const Entry& b) { return a.path < b.path; }

// Strips what makes a COPY source point at the context root: leading `/`
// and `./`, then cleans it.
std::string normalize_source(std::string_view src) {
  std::string s = clean_path(src);
  while (!s.empty() && s[0] == '/') s.erase(0, 1);
  return s.empty() ? "." : s;
}

bool has_meta(std::string_view s) { return s.find_first_of("*?[\\") != std::string_view::npos; }

// Resolves a COPY source against a path-sorted entry list.
std::vector<const Entry*> resolve(const std::vector<Entry>& list, std::string_view src) {
  std::vector<const Entry*> out;
  std::string s = normalize_source(src);
  if (s == ".") {
    for (const auto& e : list) out.push_back(&e);
    return out;
  }
  auto add_under = [&](const std::string& dir) {
    std::string prefix = dir + "/";
    auto it = std::lower_bound(list.begin(), list.end(), prefix,
                               [](const Entry& e, const std::string& p) { return e.path < p; });
    for (; it != list.end() && it->path.compare(0, prefix.size(), prefix) == 0; ++it) out.push_back(&*it);
  };
  if (!has_meta(s)) {
    auto it = std::lower_bound(list.begin(), list.end(), s, [](const Entry& e, const std::string& p) { return e.path < p; });
    if (it != list.end() && it->path == s) out.push_back(&*it);
    add_under(s);  // a directory's contents (also when excluded itself but re-included below)
    return out;
  }
  std::vector<std::string> matched_dirs;
  for (const auto& e : list) {
    if (!go_path_match(s, e.path)) continue;
    out.push_back(&e);
    if (e.is_dir) matched_dirs.push_back(e.path);
  }
  for (const auto& d : matched_dirs) add_under(d);
  // Entries under a matched directory are found twice when the wildcard also
  // matches them; keep one of each, in path order.
  std::sort(out.begin(), out.end(), [](const Entry* a, const Entry* b) { return a->path < b->path; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

struct Pending {
  std::string rel;           // "" for the root
  std::vector<char> state;   // patterns matching this dir or a parent
};

}  // namespace

fs::path BuildContext::ignore_file_for(const fs::path& root, const fs::path& dockerfile) {
  std::error_code ec;
  if (!dockerfile.empty()) {
    fs::path specific = dockerfile;
    specific += ".dockerignore";
    if (fs::is_regular_file(specific, ec)) return specific;
  }
  if (fs::is_regular_file(root / ".dockerignore", ec)) return root / ".dockerignore";
  return {};
}

BuildContext BuildContext::load(const fs::path& root, const fs::path& dockerfile) {
  return walk(root, ignore_file_for(root, dockerfile));
}

BuildContext BuildContext::walk(const fs::path& root, const fs::path& ignore_file) {
  BuildContext c;
  c.root_ = root;
  c.ignore_file_ = ignore_file;
  if (!c.ignore_file_.empty()) c.ignore_ = IgnoreMatcher::parse(read_limited(c.ignore_file_, kMaxIgnoreFile));

  std::vector<Pending> stack;
  stack.push_back({"", {}});
  size_t count = 0;
  while (!stack.empty() && !c.truncated_) {
    Pending dir = std::move(stack.back());
    stack.pop_back();
    fs::path full = dir.rel.empty() ? root : root / dir.rel;
    DIR* d = opendir(full.c_str());
    if (!d) {
      c.warnings_.push_back((dir.rel.empty() ? std::string(".") : dir.rel) + ": cannot read: " + std::strerror(errno));
      continue;
    }
    std::vector<std::string> names;
    while (dirent* de = readdir(d)) {
      if (!std::strcmp(de->d_name, ".") || !std::strcmp(de->d_name, "..")) continue;
      names.emplace_back(de->d_name);
    }
    int dfd = dirfd(d);
    std::sort(names.begin(), names.end());
    std::vector<Pending> subdirs;
    for (const auto& name : names) {
      if (++count > kMaxEntries) {
        c.truncated_ = true;
        break;
      }
      struct stat st {};
      if (fstatat(dfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      Entry e;
      e.path = dir.rel.empty() ? name : dir.rel + "/" + name;
      e.is_dir = S_ISDIR(st.st_mode);
      e.is_symlink = S_ISLNK(st.st_mode);
      e.size = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
      if (e.path.size() > kMaxPath) continue;
      int who = c.ignore_.empty() ? -1 : c.ignore_.decide(e.path, dir.state);
      bool excluded = who >= 0 && !c.ignore_.patterns()[who].exclusion;
      if (e.is_dir) {
        if (excluded && !c.ignore_.may_reinclude_under(e.path)) {
          c.excluded_.push_back(std::move(e));  // skipped whole, as BuildKit does
          continue;
        }
        Pending sub;
        sub.rel = e.path;
        sub.state = c.ignore_.empty() ? std::vector<char>{} : c.ignore_.parent_state(e.path, dir.state);
        subdirs.push_back(std::move(sub));
      }
      if (excluded) {
        c.excluded_.push_back(std::move(e));
      } else {
        c.total_size_ += e.size;
        c.entries_.push_back(std::move(e));
      }
    }
    closedir(d);
    // Depth first, in name order.
    for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) stack.push_back(std::move(*it));
  }
  std::sort(c.entries_.begin(), c.entries_.end(), by_path);
  std::sort(c.excluded_.begin(), c.excluded_.end(), by_path);
  return c;
}

std::vector<Entry> BuildContext::largest(size_t n) const {
  std::map<std::string, Entry> top;
  for (const auto& e : entries_) {
    size_t slash = e.path.find('/');
    std::string head = e.path.substr(0, slash);
    Entry& t = top[head];
    t.path = head;
    if (slash != std::string::npos || e.is_dir) t.is_dir = true;
    if (slash == std::string::npos) t.is_symlink = e.is_symlink;
    if (!e.is_dir) t.size += e.size;
  }
  std::vector<Entry> out;
  for (auto& [_, e] : top) out.push_back(std::move(e));
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.size > b.size; });
  if (out.size() > n) out.resize(n);
  return out;
}

std::vector<const Entry*> BuildContext::sources(std::string_view src) const { return resolve(entries_, src); }

std::vector<const Entry*> BuildContext::excluded_sources(std::string_view src) const {
  return resolve(excluded_, src);
}

const Entry* BuildContext::find(std::string_view path) const {
  std::string p = normalize_source(path);
  auto it = std::lower_bound(entries_.begin(), entries_.end(), p, [](const Entry& e, const std::string& s) { return e.path < s; });
  return it != entries_.end() && it->path == p ? &*it : nullptr;
}

std::string BuildContext::read(std::string_view path, size_t limit) const {
  const Entry* e = find(path);
  if (!e || e->is_dir || e->is_symlink) return {};
  return read_limited(root_ / e->path, limit);
}

}  // namespace dd::context
