// libFuzzer target: the YAML inputs, a compose file (through every compose
// rule) and the config files (.drydock.yaml and .hadolint.yaml). The input is
// written to a file, as both are read from disk. Malformed input must be
// refused with InputError naming the file; nothing may crash or hang.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "compose/compose.h"
#include "core/config.h"
#include "core/error.h"
#include "core/report.h"

namespace fs = std::filesystem;

namespace {

const fs::path& dir() {
  static const fs::path d = [] {
    fs::path p = fs::temp_directory_path() / ("dd-fuzz-yaml-" + std::to_string(::getpid()));
    fs::create_directories(p);
    return p;
  }();
  return d;
}

void write(const fs::path& p, const uint8_t* data, size_t size) {
  std::ofstream(p, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path compose = dir() / "compose.yaml";
  write(compose, data, size);
  try {
    auto file = dd::compose::load(compose);
    dd::Report report;
    for (const auto* rule : dd::compose::rules()) rule->check(file, report);
  } catch (const dd::InputError& e) {
    if (std::string(e.what()).find("compose.yaml") == std::string::npos) std::abort();
  }
  for (const char* name : {".drydock.yaml", ".hadolint.yaml"}) {
    const fs::path cfg = dir() / name;
    write(cfg, data, size);
    try {
      (void)dd::load_config(cfg);
    } catch (const dd::InputError& e) {
      if (std::string(e.what()).find(name) == std::string::npos) std::abort();
    }
  }
  return 0;
}
