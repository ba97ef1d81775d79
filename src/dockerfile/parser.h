#pragma once
#include <map>
#include <string>
#include <string_view>

#include "dockerfile/ast.h"

namespace dd::dockerfile {

// Parses a Dockerfile the way BuildKit does. Never throws on malformed
// content: problems go to Dockerfile::errors with their position and parsing
// continues with the next instruction. Binary or huge input is handled in
// bounded time.
// `build_args` (docker build --build-arg NAME=VALUE) replace the defaults of
// the ARGs declared before the first FROM, so Stage::base_expanded names the
// image the build really uses. Undeclared names change nothing, as in
// BuildKit.
using BuildArgs = std::map<std::string, std::string, std::less<>>;
Dockerfile parse(std::string_view text, std::string path = "Dockerfile", const BuildArgs* build_args = nullptr);

}  // namespace dd::dockerfile
