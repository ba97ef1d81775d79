#pragma once
// What a build sends to the engine and what each COPY/ADD takes from it:
// `drydock context`. The numbers `docker build` prints as "transferring
// context", broken down the way dive breaks down layers.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "context/context.h"
#include "core/config.h"
#include "dockerfile/ast.h"

namespace dd::lint {

struct ContextCopy {
  int line = 0;
  std::string stage;        // "build", or the stage's index when it has no name
  std::string instruction;  // as written, flags included
  std::vector<std::string> sources;  // after variable expansion
  size_t files = 0;
  uint64_t bytes = 0;
  std::vector<context::Entry> largest;  // its biggest files, largest first
};

struct ContextReport {
  std::string root;
  std::string dockerfile;
  std::string ignore_file;  // "" when there is none
  size_t ignore_patterns = 0;
  size_t files = 0;  // regular files and symlinks sent
  uint64_t bytes = 0;
  size_t excluded_files = 0;  // left out by the ignore file, inside skipped folders too
  uint64_t excluded_bytes = 0;
  std::vector<context::Entry> excluded_largest;  // what the ignore file saves most, largest first
  size_t unused_files = 0;  // sent, but taken by no COPY/ADD (the Dockerfile and ignore file aside)
  uint64_t unused_bytes = 0;
  std::vector<context::Entry> unused_largest;  // largest first
  bool truncated = false;  // the walk stopped at its bound
  bool unknown_sources = false;  // a source with an unresolved variable: "unused" is an upper bound
  std::vector<context::Entry> largest;  // top-level items sent, largest first
  std::vector<ContextCopy> copies;
};

// `top`: how many items the largest lists keep.
ContextReport context_report(const dockerfile::Dockerfile& df, const context::BuildContext& ctx, const Config& config,
                             size_t top = 10);
nlohmann::json to_json(const ContextReport& r);
// The report as text, for a terminal.
std::string to_text(const ContextReport& r);

}  // namespace dd::lint
