#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "dockerfile/rule.h"

namespace dd::context {
class BuildContext;
}

namespace dd::lint {

// Applies non-overlapping edits (later ones that overlap earlier ones are
// dropped). Positions are 1-based line/column as in the AST.
std::string apply_edits(std::string_view text, std::vector<dockerfile::Edit> edits);
// A unified diff (3 lines of context) of two texts, with a/ and b/ headers.
std::string unified_diff(std::string_view before, std::string_view after, const std::string& path);
// The fixed text of a Dockerfile: applies every rule's edits, re-lints and
// applies again until nothing changes (edits that overlapped in one pass land
// in the next), at most `max_passes` times.
std::string fix_text(std::string text, const std::string& path, const context::BuildContext* ctx,
                     const Config& config, int max_passes = 8);

void write_file(const std::filesystem::path& file, std::string_view content);

// The text of `before` with each of `lines` appended that it does not hold
// yet (compared line by line, blanks ignored), after a newline if missing.
std::string append_lines(std::string_view before, const std::vector<std::string>& lines);

}  // namespace dd::lint
