#pragma once
// The build context as the engine would receive it: the files that survive
// .dockerignore, with sizes, and which of them each COPY/ADD sends.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "context/dockerignore.h"

namespace dd::context {

struct Entry {
  std::string path;  // relative, slash-separated
  uint64_t size = 0;
  bool is_dir = false;
  bool is_symlink = false;
};

class BuildContext {
 public:
  // Walks `root`. The ignore file is <dockerfile name>.dockerignore beside the
  // Dockerfile when present, else root/.dockerignore. Bounded: symlinks are
  // not followed and the walk stops at a generous entry limit.
  static BuildContext load(const std::filesystem::path& root, const std::filesystem::path& dockerfile);
  // The ignore file load() reads: <dockerfile>.dockerignore when present, else
  // root/.dockerignore when present, else empty.
  static std::filesystem::path ignore_file_for(const std::filesystem::path& root,
                                               const std::filesystem::path& dockerfile);
  // load() with the ignore file already chosen (empty: none).
  static BuildContext walk(const std::filesystem::path& root, const std::filesystem::path& ignore_file);

  const std::filesystem::path& root() const { return root_; }
  // Path of the ignore file used; empty when there is none.
  const std::filesystem::path& ignore_file() const { return ignore_file_; }
  const IgnoreMatcher& ignore() const { return ignore_; }
  // Files and directories sent to the engine (after .dockerignore).
  const std::vector<Entry>& entries() const { return entries_; }
  // Files left out by .dockerignore.
  const std::vector<Entry>& excluded() const { return excluded_; }
  uint64_t total_size() const { return total_size_; }
  bool truncated() const { return truncated_; }
  // The n largest top-level items (files or folders with their summed size).
  std::vector<Entry> largest(size_t n) const;
  // The context files a COPY/ADD source (a path or wildcard, relative to the
  // context) sends, directories expanded to their contents.
  // The matched directory entries are included along with their contents;
  // `.` (or an empty source, `/`, `./`) is the whole context. Wildcards
  // follow Go's filepath.Match.
  std::vector<const Entry*> sources(std::string_view src) const;
  // The same resolution over the files .dockerignore left out: what `src`
  // would have sent without it.
  std::vector<const Entry*> excluded_sources(std::string_view src) const;
  // The sent entry at `path` (cleaned, relative), or nullptr.
  const Entry* find(std::string_view path) const;
  // Up to `limit` bytes of a context file; empty when it cannot be read or
  // is not a regular file (symlinks are not followed).
  std::string read(std::string_view path, size_t limit = 64 * 1024) const;
  // Problems met during the walk (unreadable folders), one line each.
  const std::vector<std::string>& warnings() const { return warnings_; }

  // Walk bound: the walk stops (truncated() is true) after this many entries.
  static constexpr size_t kMaxEntries = 500000;

 private:
  std::filesystem::path root_;
  std::filesystem::path ignore_file_;
  IgnoreMatcher ignore_;
  std::vector<Entry> entries_;
  std::vector<Entry> excluded_;
  uint64_t total_size_ = 0;
  bool truncated_ = false;
  std::vector<std::string> warnings_;
};

}  // namespace dd::context
