#pragma once
// The shared real-world corpus, linted through the drydock binary as
// scripts/update-corpus-expected.sh lints it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "helpers.h"

namespace dd::test {

inline std::filesystem::path corpus_dockerfiles() { return shared_dir() / "corpus" / "dockerfiles"; }

// Every regular file below `root`, sorted.
inline std::vector<std::filesystem::path> corpus_files(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

inline std::string relative_to(const std::string& file, const std::filesystem::path& root) {
  std::string prefix = root.string() + "/";
  return file.rfind(prefix, 0) == 0 ? file.substr(prefix.size()) : file;
}

// `drydock lint --no-context -f json FILES...`: the parsed report. Exit status
// 0 or 1 (never 2: every corpus file is readable).
inline nlohmann::json lint_json(const std::vector<std::filesystem::path>& files,
                                const std::vector<std::string>& env = {}) {
  std::vector<std::string> args = {"lint", "--no-context", "--fail-on", "none", "-f", "json"};
  for (const auto& f : files) args.push_back(f.string());
  auto r = drydock(args, env);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  auto json = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(json.is_discarded()) << "not JSON: " << r.out.substr(0, 200);
  if (json.is_discarded() || !json.contains("findings")) return nlohmann::json{{"findings", nlohmann::json::array()}};
  return json;
}

}  // namespace dd::test
