// libFuzzer target: `kubectl describe pod` text, as `drydock diagnose FILE`
// reads it, through the pod diagnosis (DD65xx and every runtime rule).
// Malformed input may be refused with InputError; nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "k8s/pod/diagnose_pod.h"
#include "k8s/pod/pod.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  try {
    auto pods = dd::k8s::pod::parse_describe(in, "describe.txt");
    for (auto& p : pods) (void)dd::k8s::pod::diagnose_pod(p, {});
  } catch (const dd::InputError&) {
  }
  return 0;
}
