#pragma once
#include <filesystem>
#include <string_view>
#include <vector>

namespace dd::lint {

// Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile (not
// *.dockerignore).
bool is_dockerfile_name(std::string_view name);
// The Dockerfiles directly in `dir`, sorted.
std::vector<std::filesystem::path> dockerfiles_in(const std::filesystem::path& dir);

}  // namespace dd::lint
