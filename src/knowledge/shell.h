#pragma once
// A POSIX-shell tokenizer good enough to know which commands run with which
// flags in RUN, CMD, ENTRYPOINT and HEALTHCHECK. Offsets are into the script
// string given to parse(); map them to file positions with the instruction's
// SourceMap.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dd::shell {

struct Word {
  std::string value;  // after quote removal; expansions kept literally ($VAR)
  size_t begin = 0;   // offsets into the script; Script::raw gives the text as written
  size_t end = 0;
  bool quoted = false;        // any part was quoted
  bool has_expansion = false; // contains $ or backticks outside single quotes
};

enum class Connector {
  none,      // last command of the script
  seq,       // ;  or newline
  and_,      // &&
  or_,       // ||
  pipe,      // |
  background // &
};

struct Redirect {
  std::string op;  // >, >>, <, 2>, 2>&1, &>, <<, ...
  Word target;
};

struct Command {
  std::vector<std::pair<std::string, std::string>> assignments;  // FOO=bar before argv
  std::vector<Word> argv;  // argv[0] is the program; empty for pure assignments
  std::vector<Redirect> redirects;
  Connector next = Connector::none;  // how it connects to the following command
  int depth = 0;          // nesting of ( ), { }, $( ), if/for/while bodies
  bool background = false;  // ends with & (or is inside a group that does)
  size_t begin = 0;
  size_t end = 0;

  std::string_view program() const;  // basename of argv[0] ("" if none), after sudo/env/exec/nohup wrappers are NOT stripped
  // True when argv has the flag. Handles --flag, --flag=value, and short
  // flags bundled as -xyz when `flag` is one letter like "-y".
  bool has_flag(std::string_view flag) const;
  // The first non-flag argument after argv[0] (e.g. "install" of apt-get install).
  std::string_view subcommand() const;
};

struct Script {
  std::vector<Command> commands;  // in source order, nested ones included
  std::vector<std::string> errors;  // unterminated quote, etc. (tokenizing still completes)
  std::string text;  // the script parsed; word offsets point into it

  // A word as written, quotes and escapes included.
  std::string_view raw(const Word& w) const {
    return w.begin <= w.end && w.end <= text.size() ? std::string_view(text).substr(w.begin, w.end - w.begin)
                                                    : std::string_view();
  }
};

Script parse(std::string_view script);

// True when a redirection duplicates or closes a file descriptor instead of
// naming a file: 2>&1, >&2, 1>&2, <&0, >&- (op as Redirect::op, target the
// word after it). `&>file` and `>&file` (bash: both streams to a file) name
// a file and give false.
bool duplicates_fd(std::string_view op, std::string_view target);

// Strips wrappers that run another command (sudo, env, exec, nohup, time,
// nice, gosu, su-exec, tini --, dumb-init): returns the index in argv of the
// real program.
size_t real_program_index(const Command& c);

}  // namespace dd::shell
