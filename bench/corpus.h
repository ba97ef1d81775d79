#pragma once
// The shared Dockerfile corpus, read once: (path, text) of every file.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "lint/lint.h"

namespace bench {

inline const std::vector<std::pair<std::string, std::string>>& corpus() {
  static const std::vector<std::pair<std::string, std::string>> files = [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& e : std::filesystem::recursive_directory_iterator(DRYDOCK_SHARED_DIR "/corpus/dockerfiles"))
      if (e.is_regular_file()) out.emplace_back(e.path().string(), dd::lint::read_file(e.path()));
    return out;
  }();
  return files;
}

}  // namespace bench
