// libFuzzer target: `docker inspect` JSON and container logs, as `drydock
// diagnose FILE --logs FILE` reads them, through every runtime rule. The
// input up to the first NUL is the inspect JSON, the rest the logs. Malformed
// input may be refused with InputError; nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "runtime/diagnose.h"
#include "runtime/docker_state.h"
#include "runtime/logs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nul = in.find('\0');
  std::string_view json = in.substr(0, nul);
  std::string_view logs = nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded()) return 0;
  try {
    auto parsed = dd::runtime::parse_log_text(logs, "logs");
    auto one = [&](const nlohmann::json& c) {
      if (!c.is_object()) return;
      auto state = dd::runtime::from_docker_inspect(c);
      (void)dd::runtime::diagnose(state, parsed);
    };
    if (j.is_array()) {
      for (const auto& c : j) one(c);
    } else {
      one(j);
    }
  } catch (const dd::InputError&) {
  }
  return 0;
}
