#pragma once
// The Dockerfile model: what the parser produces and every rule reads.
// Positions are 1-based lines and columns (columns count bytes) in the
// original file. Every range is [begin, end): end is one past the last char.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dd::dockerfile {

struct Dockerfile;
// The text of line `line` of the file (1-based), trimmed of indent and of a
// trailing continuation backslash; "" outside the file. For messages.
std::string line_text(const Dockerfile& df, int line);

struct Pos {
  int line = 0;
  int column = 0;
  bool operator==(const Pos&) const = default;
};

struct Range {
  Pos begin;
  Pos end;
};

// Maps offsets in a joined string (instruction arguments with line
// continuations removed, or a heredoc body) back to file positions.
class SourceMap {
 public:
  // Declares that joined[offset] came from file position `pos`, and so do the
  // following characters on the same source line.
  void add(size_t offset, Pos pos) { segs_.push_back({offset, pos}); }
  Pos at(size_t offset) const;
  Range range(size_t begin, size_t end) const;
  // The same for offsets taken in ascending order: `hint` (start at 0) keeps
  // the segment reached, so a walk over a long script is linear.
  Pos at(size_t offset, size_t& hint) const;
  Range range(size_t begin, size_t end, size_t& hint) const;
  bool empty() const { return segs_.empty(); }
  // Appends the segments of `other`, shifted so its offset 0 is `offset` here.
  void append(const SourceMap& other, size_t offset);

 private:
  struct Seg {
    size_t offset;
    Pos pos;
  };
  std::vector<Seg> segs_;
};

// --name=value (or --name alone) before an instruction's arguments.
struct Flag {
  std::string name;   // without the leading dashes: "from", "mount", "chown"
  std::string value;  // raw value, unexpanded; empty when absent
  bool has_value = false;
  Range range;  // the whole --name=value token
};

// One argument word. For exec form these are the JSON array elements
// (decoded; the range covers the JSON string token, quotes included); for
// shell form the whitespace-separated words, quotes kept.
struct Arg {
  std::string text;
  Range range;
};

struct Heredoc {
  std::string name;  // delimiter word, e.g. EOF
  bool strip_tabs = false;  // <<-
  bool quoted = false;      // <<"EOF" or <<'EOF': no expansion in the body
  std::string body;         // content, final newline kept, tabs stripped for <<-
  SourceMap body_map;       // offsets in body -> file positions
  Range range;              // from the first body line to the end of the delimiter line
};

// A key=value pair of ENV, ARG, LABEL (ARG may have no value).
struct KeyValue {
  std::string key;
  std::string value;  // unquoted, unexpanded
  bool has_value = false;
  Range key_range;
  Range value_range;
  std::string raw_value;  // as written, quotes kept: the input of expand()
};

// An instruction keyword as a number, so rules compare it without a string
// compare. `other` for an unknown instruction.
enum class Kw : unsigned char {
  other, FROM, RUN, CMD, LABEL, MAINTAINER, EXPOSE, ENV, ADD, COPY, ENTRYPOINT, VOLUME, USER, WORKDIR, ARG,
  ONBUILD, STOPSIGNAL, HEALTHCHECK, SHELL
};

struct Instruction {
  std::string keyword;  // upper-case: FROM, RUN, COPY, ..., or as written if unknown
  Kw kind = Kw::other;  // the same keyword as a number
  Range range;          // whole instruction, continuation lines and heredocs included
  Range keyword_range;
  std::vector<Flag> flags;
  // Everything after the flags, with escaped newlines removed and comment
  // lines inside continuations dropped, as BuildKit joins them.
  std::string args_text;
  SourceMap args_map;  // offsets in args_text -> file positions
  Range args_range;
  bool exec_form = false;  // JSON array form (RUN, CMD, ENTRYPOINT, SHELL, COPY, ADD, VOLUME, HEALTHCHECK CMD)
  std::vector<Arg> args;   // see Arg
  std::vector<KeyValue> pairs;  // ENV, ARG, LABEL
  std::vector<Heredoc> heredocs;
  std::unique_ptr<Instruction> child;  // ONBUILD's instruction; HEALTHCHECK's CMD is in args
  // HEALTHCHECK: "CMD" or "NONE" (upper-case). For CMD, args_text/args hold
  // only the command after CMD; for NONE, args_text is "NONE".
  std::string subtype;
  int stage = -1;  // index of the stage it belongs to; -1 before the first FROM
  size_t index = 0;  // position in Dockerfile::instructions

  const Flag* flag(std::string_view name) const;
  // Maps offsets of the script that LintInput::script() tokenizes for a RUN
  // with heredocs (args_text, then "\n" + body for each heredoc) to file
  // positions. Without heredocs it is args_map.
  SourceMap script_map() const;
  // script_map(), built once and kept: what rules use to place a shell word.
  const SourceMap& script_positions() const {
    if (!script_cache_) script_cache_ = script_map();
    return *script_cache_;
  }
  mutable std::optional<SourceMap> script_cache_;
};

struct Directive {
  std::string name;  // lower-case: syntax, escape, check
  std::string value;
  Range range;
};

// A comment line. Rules use these for pragmas (# drydock ignore=...,
// # hadolint ignore=...).
struct Comment {
  std::string text;  // without the leading '#', trimmed
  int line = 0;
};

struct ParseError {
  std::string message;
  Range range;
};

struct Stage {
  int index = 0;
  std::string name;        // AS name, lower-cased; empty when none
  std::string base;        // FROM image as written, e.g. "node:${VER}-alpine"
  std::string base_expanded;  // after global ARG substitution
  std::optional<int> base_stage;  // when FROM names an earlier stage
  std::string platform;    // --platform value, unexpanded
  size_t from_index = 0;   // index of its FROM in Dockerfile::instructions
  Range base_range;        // the image word of FROM
  Range name_range;        // the name after AS; empty range when none
  std::vector<size_t> instructions;  // indices, FROM included
};

struct Dockerfile {
  std::string path;  // as given to the parser
  char escape = '\\';
  std::vector<Directive> directives;
  std::vector<Comment> comments;
  std::vector<Instruction> instructions;
  std::vector<Stage> stages;
  std::vector<ParseError> errors;
  std::vector<size_t> global_args;  // ARG instructions before the first FROM
  std::vector<std::string> lines;   // source lines, for code frames and fixes

  const Stage* stage_named(std::string_view name_or_index) const;
  const Stage* final_stage() const { return stages.empty() ? nullptr : &stages.back(); }
};

}  // namespace dd::dockerfile
