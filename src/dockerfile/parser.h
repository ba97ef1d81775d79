#pragma once
#include <string>
#include <string_view>

#include "dockerfile/ast.h"

namespace dd::dockerfile {

// Parses a Dockerfile the way BuildKit does. Never throws on malformed
// content: problems go to Dockerfile::errors with their position and parsing
// continues with the next instruction. Binary or huge input is handled in
// bounded time.
Dockerfile parse(std::string_view text, std::string path = "Dockerfile");

}  // namespace dd::dockerfile
