#pragma once
// Internal helpers of the Dockerfile parser: the joined logical line with its
// positions, BuildKit's word splitting, strict JSON string arrays, unquoting.
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"

namespace dd::dockerfile::detail {

// One logical line: physical lines joined after removing escaped newlines
// and comment lines, with the file position of every piece.
struct Joined {
  std::string text;
  std::vector<std::pair<size_t, Pos>> segs;  // offset in text -> position, sorted

  void append(std::string_view s, Pos pos);
  Pos at(size_t offset) const;
  Range range(size_t begin, size_t end) const;
  // A SourceMap where offset 0 is text[base].
  SourceMap map_from(size_t base) const;
};

struct Span {
  size_t begin = 0;
  size_t end = 0;
};

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

// BuildKit parseWords: whitespace-separated words, quotes and escapes kept,
// whitespace inside quotes does not split.
std::vector<Span> split_words(std::string_view s, char escape);
// Plain split on whitespace runs.
std::vector<Span> split_whitespace(std::string_view s);

struct JsonItem {
  std::string value;
  size_t begin = 0;  // the string token, quotes included
  size_t end = 0;
};
enum class Json { ok, not_json, not_strings };
// A JSON array of strings, strict as Go's encoding/json. Leading whitespace
// allowed; anything after the closing bracket other than whitespace makes it
// not JSON.
Json parse_json_array(std::string_view s, std::vector<JsonItem>& out);

// Removes shell quotes and escapes the way BuildKit's word processing does,
// without expanding variables.
std::string unquote(std::string_view word, char escape);

bool valid_utf8(std::string_view s);

}  // namespace dd::dockerfile::detail
