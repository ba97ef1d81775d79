// The regression corpus: every Dockerfile of the shared real-world corpus is
// linted as scripts/update-corpus-expected.sh does (`drydock lint
// --no-context`), and its findings (file, line, rule, severity; not the
// message text) must equal the reviewed ones in tests/corpus/dockerfiles.expected.
// A change shows as a unified diff and fails until the expected file is
// regenerated with the script and the diff reviewed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "corpus_util.h"
#include "helpers.h"
#include "lint/fix.h"

namespace dd::test {
namespace {

namespace fs = std::filesystem;

// The expected lines without the header comments and the review notes.
std::vector<std::string> expected_lines(const std::string& text, std::string* today) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# today:", 0) == 0) {
      *today = line.substr(8);
      today->erase(0, today->find_first_not_of(' '));
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    if (auto note = line.find("  # "); note != std::string::npos) line.resize(note);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out.push_back(line);
  }
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

TEST(CorpusRegression, FindingsEqualTheReviewedExpectedOutput) {
  fs::path root = corpus_dockerfiles();
  if (!fs::exists(root)) GTEST_SKIP() << "no corpus at " << root;
  fs::path expected_file = source_dir() / "tests" / "corpus" / "dockerfiles.expected";
  ASSERT_TRUE(fs::exists(expected_file)) << expected_file;
  std::string today;
  auto expected = expected_lines(read_text(expected_file), &today);
  ASSERT_FALSE(today.empty()) << "no '# today:' line in " << expected_file;
  ASSERT_FALSE(expected.empty());

  auto files = corpus_files(root);
  ASSERT_GT(files.size(), 100u) << "the corpus at " << root << " lost files";
  auto json = lint_json(files, {"DRYDOCK_TODAY=" + today});
  struct Row {
    std::string file;
    int line;
    std::string rule, severity;
    bool operator<(const Row& o) const {
      return std::tie(file, line, rule, severity) < std::tie(o.file, o.line, o.rule, o.severity);
    }
  };
  std::vector<Row> rows;
  for (const auto& f : json["findings"]) {
    std::string file = f["location"].value("file", "");
    rows.push_back({relative_to(file, root), f["location"].value("line", 0), f.value("rule", ""),
                    f.value("severity", "")});
  }
  std::sort(rows.begin(), rows.end());
  std::vector<std::string> actual;
  for (const auto& r : rows)
    actual.push_back(r.file + ":" + std::to_string(r.line) + " " + r.rule + " " + r.severity);

  if (actual != expected) {
    ADD_FAILURE() << "the findings on the corpus changed (" << expected.size() << " expected, " << actual.size()
                  << " now). Review the diff below; when every new line is right, run "
                     "scripts/update-corpus-expected.sh and commit the result.\n"
                  << lint::unified_diff(joined(expected), joined(actual), "tests/corpus/dockerfiles.expected");
  }
}

}  // namespace
}  // namespace dd::test
