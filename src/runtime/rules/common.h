#pragma once
// Small helpers shared by the joined-evidence rules.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/registry.h"
#include "runtime/diagnose.h"

namespace dd::runtime::rules {

// A JSON-like list for evidence: ["nginx","-g","daemon off;"].
std::string quote_list(const std::vector<std::string>& v);
// The folder a tmpfs should cover for a path a process failed to write:
// the path itself when it looks like a folder, else its parent.
std::string writable_dir(const std::string& path);
// The mount whose destination holds `path`, if any.
const Mount* mount_for(const ContainerState& s, const std::string& path);
// Env vars (container, then image) whose values point at the loopback.
std::vector<std::string> loopback_env(const ContainerState& s);
// The ports the container says it serves: ExposedPorts of the container and image.
std::vector<int> exposed_ports(const ContainerState& s);

}  // namespace dd::runtime::rules
