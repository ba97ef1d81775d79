// libFuzzer target for the package-manager table's readers: a command line
// (words split at whitespace) read by package_command and the checks that
// follow it, every word's pin state for every manager, and the input as a
// RUN --mount value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/packages.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> argv;
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find_first_of(" \t\n", b);
    if (e == std::string_view::npos) e = text.size();
    if (e > b) argv.push_back(text.substr(b, e - b));
    b = e + 1;
  }
  for (size_t prog = 0; prog < argv.size() && prog < 3; ++prog) {
    auto c = dd::kb::package_command(argv, prog);
    if (!c) continue;
    (void)dd::kb::runs_unattended(argv, *c);
    (void)dd::kb::command_pins(argv, *c);
    (void)dd::kb::skips_cache(argv, *c);
    (void)dd::kb::is_clean_command(*c->pm, argv, prog);
    for (size_t i : c->operands) {
      (void)dd::kb::pin_state(*c->pm, argv[i], c->module(argv));
      (void)dd::kb::package_name(*c->pm, argv[i]);
      (void)dd::kb::removes_cache(*c->pm, argv[i]);
    }
  }
  for (const auto& pm : dd::kb::package_managers()) {
    (void)dd::kb::mount_covers_cache(pm, text);
    for (size_t i = 0; i < argv.size() && i < 8; ++i) {
      (void)dd::kb::pin_state(pm, argv[i], i % 2 == 1);
      (void)dd::kb::covers_cache(pm, argv[i]);
    }
  }
  if (argv.size() >= 2) (void)dd::kb::package_creates_user(argv[0], argv[1]);
  return 0;
}
