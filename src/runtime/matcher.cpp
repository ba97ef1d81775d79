// Matches log lines against the signature table: one Hyperscan database of
// every row, compiled once, finds which rows match; std::regex then runs only
// on the winning row to extract the subject.
#include <hs/hs.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <regex>
#include <vector>

#include "runtime/signatures.h"

namespace dd::runtime {
namespace {

constexpr size_t kMaxLine = 4096;

class Matcher {
 public:
  Matcher() {
    auto table = signatures();
    std::vector<const char*> patterns;
    std::vector<unsigned> flags, ids;
    for (size_t i = 0; i < table.size(); ++i) {
      patterns.push_back(table[i].pattern);
      flags.push_back(HS_FLAG_SINGLEMATCH | (table[i].caseless ? HS_FLAG_CASELESS : 0));
      ids.push_back(static_cast<unsigned>(i));
      auto f = std::regex::ECMAScript | std::regex::optimize;
      if (table[i].caseless) f |= std::regex::icase;
      regexes_.emplace_back(table[i].pattern, f);
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_multi(patterns.data(), flags.data(), ids.data(), static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK,
                         nullptr, &db_, &err) != HS_SUCCESS) {
      std::fprintf(stderr, "drydock: internal error: log signature %d does not compile: %s\n", err ? err->expression : -1,
                   err ? err->message : "?");
      hs_free_compile_error(err);
      std::abort();
    }
    if (hs_alloc_scratch(db_, &proto_) != HS_SUCCESS) std::abort();
  }
  ~Matcher() {
    hs_free_scratch(proto_);
    hs_free_database(db_);
  }

  std::optional<SignatureHit> match(std::string_view line) const {
    if (line.size() > kMaxLine) line = line.substr(0, kMaxLine);
    thread_local std::unique_ptr<hs_scratch_t, decltype(&hs_free_scratch)> scratch(nullptr, hs_free_scratch);
    if (!scratch) {
      hs_scratch_t* s = nullptr;
      if (hs_clone_scratch(proto_, &s) != HS_SUCCESS) return std::nullopt;
      scratch.reset(s);
    }
    std::vector<unsigned> hits;
    auto on_match = [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
      static_cast<std::vector<unsigned>*>(ctx)->push_back(id);
      return 0;
    };
    if (hs_scan(db_, line.data(), static_cast<unsigned>(line.size()), 0, scratch.get(), on_match, &hits) != HS_SUCCESS)
      return std::nullopt;
    if (hits.empty()) return std::nullopt;
    std::sort(hits.begin(), hits.end());
    auto table = signatures();
    for (unsigned id : hits) {
      std::match_results<std::string_view::const_iterator> m;
      if (!std::regex_search(line.begin(), line.end(), m, regexes_[id])) continue;
      SignatureHit hit{&table[id], {}};
      for (size_t g = 1; g < m.size(); ++g)
        if (m[g].matched && m[g].length() > 0) {
          hit.subject = m[g].str();
          break;
        }
      trim_quotes(hit.subject);
      return hit;
    }
    return std::nullopt;
  }

 private:
  static void trim_quotes(std::string& s) {
    auto quote_at_front = [&]() -> size_t {
      if (s.empty()) return 0;
      if (s[0] == '\'' || s[0] == '"' || s[0] == '`') return 1;
      if (s.compare(0, 3, "\xe2\x80\x98") == 0 || s.compare(0, 3, "\xe2\x80\x99") == 0) return 3;
      return 0;
    };
    auto quote_at_back = [&]() -> size_t {
      if (s.empty()) return 0;
      char c = s.back();
      if (c == '\'' || c == '"' || c == '`' || c == '.' || c == ',' || c == ':' || c == ';') return 1;
      if (s.size() >= 3 && (s.compare(s.size() - 3, 3, "\xe2\x80\x99") == 0 || s.compare(s.size() - 3, 3, "\xe2\x80\x98") == 0))
        return 3;
      return 0;
    };
    while (size_t n = quote_at_front()) s.erase(0, n);
    while (size_t n = quote_at_back()) s.erase(s.size() - n);
  }

  hs_database_t* db_ = nullptr;
  hs_scratch_t* proto_ = nullptr;
  std::vector<std::regex> regexes_;
};

const Matcher& matcher() {
  static const Matcher m;
  return m;
}

}  // namespace

std::optional<SignatureHit> match_line(std::string_view line) { return matcher().match(line); }

}  // namespace dd::runtime
