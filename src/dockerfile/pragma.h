#pragma once
// Inline ignore pragmas in Dockerfile comments: `# drydock ignore=A,B` or
// hadolint's `# hadolint ignore=DL3008` for the next instruction, and
// `# drydock global ignore=A` for the whole file.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd::dockerfile {

struct IgnorePragma {
  bool global = false;
  std::vector<std::string> ids;  // as written: drydock ids, peer aliases or SC codes
};

// The pragma a comment's text (without '#', trimmed) holds, if any.
std::optional<IgnorePragma> ignore_pragma(std::string_view comment);

}  // namespace dd::dockerfile
