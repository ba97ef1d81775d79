// The Kubernetes manifest loader and every k8s rule on arbitrary input:
// only InputError may escape, never a crash, hang or other exception.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "k8s/lint.h"
#include "k8s/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dd::k8s::ManifestSet set;
  try {
    dd::k8s::load_text(set, text, "fuzz.yaml");
  } catch (const dd::InputError&) {
    return 0;
  }
  dd::Config config;
  auto findings = dd::k8s::lint(set, config);
  for (const auto& o : set.objects())
    if (o.pod)
      for (const auto& c : o.pod->containers) {
        auto env = dd::k8s::container_env(set, o, c);
        auto lookup = [&](const std::string& name) -> std::optional<std::string> {
          for (const auto& e : env)
            if (e.name == name) return e.value;
          return std::nullopt;
        };
        for (const auto& a : c.args) (void)dd::k8s::expand_vars(a, lookup);
        for (const auto& a : c.command) (void)dd::k8s::expand_vars(a, lookup);
      }
  return findings.empty() ? 0 : 0;
}
