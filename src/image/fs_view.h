#pragma once
// The merged final filesystem of an image, as a read-only view. Built by the
// walk (src/image/walk.h) once every layer is applied: whiteouts removed what
// they delete, later layers replaced earlier entries. Paths are absolute and
// clean ("/usr/lib/x86_64-linux-gnu/libc.so.6"); "/" is the root.
//
// Contents: the walk keeps only the files some analyzer asked to retain
// (Analyzer::retain()), each up to its byte bound; read() answers for those
// and nullopt for the rest. Metadata (stat/list/readlink/resolve) is there
// for every path.
//
// Thread-safety: every method is const and safe to call from several
// threads once the walk has finished.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd::image {

enum class FileType { regular, dir, symlink, hardlink, other };

struct FileStat {
  FileType type = FileType::regular;
  uint64_t size = 0;      // regular files (and hard links: the target's size)
  uint32_t mode = 0;      // permission bits (07777)
  uint32_t uid = 0, gid = 0;
  std::string link_target;  // symlink: as stored; hard link: absolute path of the target
  int layer = -1;           // index of the layer that last wrote this path
};

class FsView {
 public:
  virtual ~FsView() = default;
  // The entry at `path` itself (a symlink is not followed); nullopt when
  // the merged filesystem has no such path.
  virtual std::optional<FileStat> stat(std::string_view path) const = 0;
  // A symlink's target as stored; nullopt when `path` is not a symlink.
  virtual std::optional<std::string> readlink(std::string_view path) const = 0;
  // The names (not paths) in a directory, sorted; empty when not a dir.
  virtual std::vector<std::string> list(std::string_view dir) const = 0;
  // The clean absolute path `path` leads to, with symlinks in every
  // directory component followed (relative ones against their folder,
  // absolute ones against the image root, never the host) and the last one
  // too when follow_symlinks. At most 40 links are followed (ELOOP, as
  // Linux): nullopt then, and when a component is missing.
  virtual std::optional<std::string> resolve(std::string_view path, bool follow_symlinks = true) const = 0;
  // The contents of a SMALL regular file (after resolve), up to max_bytes;
  // nullopt when missing, not regular, or not retained by the walk.
  virtual std::optional<std::string> read(std::string_view path, size_t max_bytes = 1 << 20) const = 0;
  // resolve() then stat(): what a program opening `path` gets.
  std::optional<FileStat> stat_follow(std::string_view path) const {
    auto r = resolve(path, true);
    if (!r) return std::nullopt;
    return stat(*r);
  }
  bool exists(std::string_view path) const { return stat_follow(path).has_value(); }
  // Every entry under `dir` (itself excluded), depth first in path order,
  // symlinks not followed. The default goes through list(); the walk's view
  // does it in one pass.
  virtual void for_each(std::string_view dir, const std::function<void(const std::string&, const FileStat&)>& f) const {
    std::string base(dir == "/" ? "" : dir);
    for (auto& n : list(dir)) {
      std::string p = base + "/" + n;
      auto st = stat(p);
      if (!st) continue;
      f(p, *st);
      if (st->type == FileType::dir) for_each(p, f);
    }
  }
};

}  // namespace dd::image
