#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace dd {

// The incident categories of shared/spec/categories.md. The string form is the
// contract; the enum is for code.
enum class Category {
  exits_immediately,
  image_bloat,
  config_missing,
  missing_dependency,
  arch_mismatch,
  oom_killed,
  memory_leak,
  cpu_throttling,
  secret_leak,
  no_healthcheck,
  slow_build,
  runs_as_root,
  read_only_filesystem,
  volume_permissions,
  network_unreachable,
  image_pull,
  crash_loop,
  vulnerability,
  stale_image,
  logging,
  multiple_processes,
  best_practice,
};

std::string_view to_string(Category c);
std::optional<Category> parse_category(std::string_view s);
std::span<const Category> all_categories();
// One sentence: the incident the category predicts or explains.
std::string_view describe(Category c);

}  // namespace dd
