#pragma once
// Helpers for the image inventory tests.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "helpers.h"

namespace dd::test::inv {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// DT_NEEDED of a file as binutils' readelf prints them: the oracle.
inline std::vector<std::string> readelf_needed(const std::filesystem::path& p, const char* kind = "NEEDED") {
  RunResult r = run({"readelf", "-dW", p.string()});
  std::vector<std::string> out;
  std::regex re(std::string("\\(") + kind + "\\)\\s+[^\\[]*\\[([^\\]]*)\\]");
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_search(line, m, re)) out.push_back(m[1]);
  }
  return out;
}

// Compiles C source with the host gcc; returns false when it fails.
inline bool cc(const std::string& src, const std::filesystem::path& out, const std::vector<std::string>& flags) {
  std::filesystem::path c = out.string() + ".c";
  std::ofstream(c) << src;
  std::vector<std::string> argv{"gcc", "-O1", "-o", out.string(), c.string()};
  argv.insert(argv.end(), flags.begin(), flags.end());
  RunResult r = run(argv);
  return r.status == 0;
}

}  // namespace dd::test::inv
