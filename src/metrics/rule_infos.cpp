// Registry entries of the metrics rules (DD80xx).
#include "core/registrar.h"

namespace dd::metrics {
namespace {

using Rules = Registrar<Domain::metrics>;
const std::vector<std::string> kTags = {"k8s", "metrics"};

const bool registered = [] {
  Rules::add("DD8001", "memory-leak", Category::memory_leak, Severity::warning,
               "Memory grows steadily: a leak that reaches the limit",
               "Working-set memory that climbs linearly ends in an OOM kill; each restart buys a few hours.",
               "Take a heap dump while memory is high and bound the growing structure", kTags);
  Rules::add("DD8002", "memory-limit-reached", Category::oom_killed, Severity::error,
               "Memory reached the limit and dropped: OOM kills or restarts",
               "A sawtooth that tops out at the limit is the kernel killing the container.",
               "Raise the limit to the recommendation (OOM bump), or fix the leak that fills it", kTags);
  Rules::add("DD8003", "memory-spike", Category::oom_killed, Severity::info, "Memory spikes above the baseline",
               "A single operation that allocates far more than usual kills the container when it meets the limit.",
               "Match the spike times with the logs; stream or page that operation", kTags);
  Rules::add("DD8004", "cpu-throttled", Category::cpu_throttling, Severity::warning,
               "CPU is throttled although average use looks fine",
               "CFS quotas are enforced per 100ms period; bursts are throttled and latency grows although the average is low.",
               "Raise or remove the CPU limit, keep the request", kTags);
  Rules::add("DD8005", "memory-limit-too-low", Category::oom_killed, Severity::warning,
               "The memory limit is below what the container uses",
               "A limit under the P95 of real use is met on every busy hour: OOM kills follow.",
               "Set the limit from the recommendation (P95 + 15%, OOM bump)", kTags);
  Rules::add("DD8006", "right-sizing", Category::best_practice, Severity::info,
               "Recommended requests and limits from observed use",
               "Requests far from real use waste nodes or starve the pod; VPA computes the same from a running cluster.",
               "Paste the resources: block", kTags);
  return true;
}();

}  // namespace
}  // namespace dd::metrics
