#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/rule.h"

namespace dd::lint {

// Applies non-overlapping edits (later ones that overlap earlier ones are
// dropped). Positions are 1-based line/column as in the AST.
std::string apply_edits(std::string_view text, std::vector<dockerfile::Edit> edits);
// A unified diff (3 lines of context) of two texts, with a/ and b/ headers.
std::string unified_diff(std::string_view before, std::string_view after, const std::string& path);
void write_file(const std::filesystem::path& file, std::string_view content);

}  // namespace dd::lint
