#include "core/category.h"

#include <array>

namespace dd {
namespace {

struct Row {
  Category c;
  std::string_view name;
  std::string_view text;
};

constexpr std::array<Row, 22> kRows{{
    {Category::exits_immediately, "exits-immediately",
     "the main process ends or daemonizes, so the container stops seconds after start"},
    {Category::image_bloat, "image-bloat", "the image is far larger than it needs to be"},
    {Category::config_missing, "config-missing",
     "configuration the app needs is not injected at run time"},
    {Category::missing_dependency, "missing-dependency",
     "the image lacks what the program needs to start"},
    {Category::arch_mismatch, "arch-mismatch",
     "binaries are built for another CPU architecture or OS than the one that runs them"},
    {Category::oom_killed, "oom-killed", "the container is, or will be, killed for memory"},
    {Category::memory_leak, "memory-leak", "memory grows steadily until the limit"},
    {Category::cpu_throttling, "cpu-throttling",
     "CPU limits throttle the process although average use looks fine"},
    {Category::secret_leak, "secret-leak", "secrets baked into the image or its history"},
    {Category::no_healthcheck, "no-healthcheck",
     "nothing tells the orchestrator that the app is alive or ready"},
    {Category::slow_build, "slow-build",
     "the build defeats layer caching or sends a needlessly large context"},
    {Category::runs_as_root, "runs-as-root", "the process runs as root or needs root"},
    {Category::read_only_filesystem, "read-only-filesystem",
     "the app writes to paths that are read-only in production"},
    {Category::volume_permissions, "volume-permissions",
     "mounted files or volumes are owned or moded so that the app's user cannot use them"},
    {Category::network_unreachable, "network-unreachable", "a dependency cannot be reached"},
    {Category::image_pull, "image-pull", "the image cannot be pulled"},
    {Category::crash_loop, "crash-loop", "the container starts and crashes repeatedly"},
    {Category::vulnerability, "vulnerability", "a known vulnerability in a package of the image"},
    {Category::stale_image, "stale-image", "the image or its base is old or unpinned"},
    {Category::logging, "logging", "logs go to files inside the container instead of stdout/stderr"},
    {Category::multiple_processes, "multiple-processes",
     "more than one long-lived process in one container"},
    {Category::best_practice, "best-practice", "a production rule that fits no other category"},
}};

constexpr std::array<Category, 22> kAll = [] {
  std::array<Category, 22> a{};
  for (size_t i = 0; i < kRows.size(); ++i) a[i] = kRows[i].c;
  return a;
}();

}  // namespace

std::string_view to_string(Category c) { return kRows[static_cast<size_t>(c)].name; }
std::string_view describe(Category c) { return kRows[static_cast<size_t>(c)].text; }
std::span<const Category> all_categories() { return kAll; }

std::optional<Category> parse_category(std::string_view s) {
  for (const auto& r : kRows)
    if (r.name == s) return r.c;
  return std::nullopt;
}

}  // namespace dd
