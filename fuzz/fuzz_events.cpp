// libFuzzer target: `kubectl get events -o json` (and pod JSON/YAML, which
// the same content detection reads), as `drydock diagnose FILE --events FILE`
// reads them, through the pod diagnosis. Malformed input may be refused with
// InputError; nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "k8s/pod/diagnose_pod.h"
#include "k8s/pod/pod.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  try {
    auto input = dd::k8s::pod::read_input_text(in, "events.json");
    auto pods = input.pods;
    if (pods.empty()) pods = dd::k8s::pod::pods_from_events(input.events);
    else dd::k8s::pod::attach_events(pods, input.events);
    for (auto& p : pods) (void)dd::k8s::pod::diagnose_pod(p, {});
  } catch (const dd::InputError&) {
  }
  return 0;
}
