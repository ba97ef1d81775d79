#pragma once
// Reading `docker inspect` output into the neutral ContainerState.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/state.h"

namespace dd::runtime {

// One container object of `docker inspect` (or GET /containers/{id}/json),
// with the image object (`docker image inspect`, GET /images/{id}/json)
// when known. Missing or mistyped fields are left at their defaults.
ContainerState from_docker_inspect(const nlohmann::json& container, const nlohmann::json* image = nullptr);

// Is this JSON object a container inspect (has State and Config)?
bool is_container_inspect(const nlohmann::json& j);
bool is_image_inspect(const nlohmann::json& j);

// Reads a saved `docker inspect` file: one object or the array docker
// prints, possibly mixing containers and images (`docker inspect ctr img`).
// Images are paired with their containers by id. Throws InputError naming
// the file when it is unreadable, malformed or holds no container.
std::vector<ContainerState> read_inspect_file(const std::filesystem::path& file);

}  // namespace dd::runtime
