// Every fix text drydock prints on the real-world corpus is complete, valid
// and pasteable: no raw tab, not cut mid-word, exec-form JSON arrays parse as
// JSON, and a fix written as Dockerfile instructions parses with drydock's own
// parser into clean instructions (no prose or trailing comment after a
// non-shell instruction, which Dockerfiles do not have).
// DRYDOCK_EXTRA_CORPUS (folders separated by ':') adds more real files.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corpus_util.h"
#include "dockerfile/parser.h"
#include "helpers.h"

namespace dd::test {
namespace {

namespace fs = std::filesystem;

const std::set<std::string>& instruction_keywords() {
  static const std::set<std::string> k = {"FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY",
                                          "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
                                          "HEALTHCHECK", "SHELL"};
  return k;
}

std::string first_word(const std::string& line) {
  size_t b = line.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  size_t e = line.find(' ', b);
  return line.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

// The problems of one fix text; empty when it is fine.
std::vector<std::string> fix_problems(const std::string& fix) {
  std::vector<std::string> out;
  if (fix.find('\t') != std::string::npos) out.push_back("raw tab");
  for (const std::string ell : {"...", "\xE2\x80\xA6"}) {
    for (size_t p = fix.find(ell); p != std::string::npos; p = fix.find(ell, p + ell.size())) {
      // "apk add --no-cache ..." is a placeholder, 'echo "Compiling..."' is
      // the file's own text; "ch..." at the end of the fix or of one of its
      // lines is a cut word.
      size_t after = p + ell.size();
      bool at_end = after == fix.size() || fix[after] == '\n';
      if (p > 0 && at_end && std::isalnum(static_cast<unsigned char>(fix[p - 1])))
        out.push_back("cut mid-word at '" + fix.substr(p > 12 ? p - 12 : 0, 15) + "'");
    }
  }
  if (!fix.empty() && (fix.back() == '\\' || fix.back() == '&' || fix.back() == '|'))
    out.push_back("ends in the middle of a command");

  // Fixes written as Dockerfile instructions: the first line starts with an
  // instruction keyword.
  std::string first_line = fix.substr(0, fix.find('\n'));
  if (!instruction_keywords().count(first_word(first_line))) return out;
  // Instructions other than FROM/ARG are pasted inside a stage.
  std::string head = first_word(first_line) == "FROM" || first_word(first_line) == "ARG" ? "" : "FROM scratch\n";
  auto df = dockerfile::parse(head + fix, "fix");
  for (const auto& e : df.errors) out.push_back("does not parse: " + e.message);
  if (df.instructions.size() <= (head.empty() ? 0u : 1u)) out.push_back("parses to no instruction");
  for (size_t i = head.empty() ? 0 : 1; i < df.instructions.size(); ++i) {
    const auto& ins = df.instructions[i];
    const std::string& a = ins.args_text;
    if (ins.kind == dockerfile::Kw::other) out.push_back("'" + ins.keyword + "' is not an instruction");
    std::string word = ins.keyword;
    bool shell = word == "RUN" || word == "CMD" || word == "ENTRYPOINT" || word == "HEALTHCHECK" || word == "ONBUILD";
    if ((word == "RUN" || word == "CMD" || word == "ENTRYPOINT" || word == "SHELL" || word == "VOLUME" ||
         (word == "HEALTHCHECK" && ins.subtype == "CMD")) &&
        !a.empty() && a.front() == '[') {
      auto j = nlohmann::json::parse(a, nullptr, false);
      if (j.is_discarded() || !j.is_array()) out.push_back(word + " exec form is not a JSON array: " + a);
      else
        for (const auto& el : j)
          if (!el.is_string()) out.push_back(word + " exec form holds a non-string: " + a);
      if (!ins.exec_form) out.push_back(word + " is read as shell form by the parser: " + a);
    }
    // "...  (or ...)" after an instruction is prose that a paste would run.
    if (a.find("  (") != std::string::npos) out.push_back(word + " carries a parenthesised remark: " + a);
    if (!shell) {
      // Non-shell instructions take everything to the end of the line: a
      // comment or an explanation there becomes part of the value.
      for (const std::string prose : {" #", " then ", "(or ", " e.g. ", "<description>", " or "})
        if (a.find(prose) != std::string::npos)
          out.push_back(word + " carries prose or a comment ('" + prose + "'): " + a);
    }
  }
  return out;
}

std::vector<fs::path> roots() {
  std::vector<fs::path> r = {corpus_dockerfiles()};
  if (const char* extra = std::getenv("DRYDOCK_EXTRA_CORPUS")) {
    std::stringstream ss(extra);
    std::string item;
    while (std::getline(ss, item, ':'))
      if (!item.empty()) r.emplace_back(item);
  }
  return r;
}

TEST(FixText, TheCheckCatchesBrokenFixes) {
  EXPECT_FALSE(fix_problems("RUN apt-get install\tcurl").empty());
  EXPECT_FALSE(fix_problems("RUN cd /usr/src && ch...").empty());
  EXPECT_FALSE(fix_problems("CMD [\"sh\", \"-c\", \"echo \"hi\"\"]").empty());
  EXPECT_FALSE(fix_problems("WORKDIR /app   # before line 15").empty());
  EXPECT_FALSE(fix_problems("COPY package.json ./ then RUN npm ci, then COPY . .").empty());
  EXPECT_FALSE(fix_problems("RUN apt-get update && \\").empty());
  EXPECT_FALSE(fix_problems("HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/ || exit 1  (busybox wget is present)").empty());
  EXPECT_TRUE(fix_problems("CMD [\"java\", \"-jar\", \"/app.jar\"]").empty());
  EXPECT_TRUE(fix_problems("RUN addgroup -S app && adduser -S -G app app\nUSER app").empty());
  EXPECT_TRUE(fix_problems("apk add --no-cache ...").empty());
  EXPECT_TRUE(fix_problems("HEALTHCHECK --interval=30s CMD curl -fsS http://127.0.0.1:8080/ || exit 1").empty());
}

TEST(FixText, EveryCorpusFixIsCompleteValidAndPasteable) {
  size_t files = 0, fixes = 0;
  for (const auto& root : roots()) {
    if (!fs::exists(root)) {
      if (root == corpus_dockerfiles()) GTEST_SKIP() << "no corpus at " << root;
      ADD_FAILURE() << "DRYDOCK_EXTRA_CORPUS names a missing folder: " << root;
      continue;
    }
    auto all = corpus_files(root);
    files += all.size();
    // In batches: one process per file would be slow, one for thousands would
    // make a long command line.
    for (size_t i = 0; i < all.size(); i += 200) {
      std::vector<fs::path> batch(all.begin() + i, all.begin() + std::min(all.size(), i + 200));
      auto json = lint_json(batch, {"DRYDOCK_TODAY=2026-12-01"});
      for (const auto& f : json["findings"]) {
        std::string fix = f.value("fix", "");
        if (fix.empty()) continue;
        ++fixes;
        for (const auto& p : fix_problems(fix))
          ADD_FAILURE() << f.value("rule", "") << " at " << f["location"].value("file", "") << ":"
                        << f["location"].value("line", 0) << ": " << p << "\n  fix: " << fix;
      }
    }
  }
  EXPECT_GT(files, 100u);
  EXPECT_GT(fixes, 100u);
  std::cout << "fix texts checked: " << fixes << " on " << files << " files\n";
}

}  // namespace
}  // namespace dd::test
