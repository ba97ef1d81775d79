#pragma once
// Diagnosis against a live engine: reads a container's inspect, its image's
// config, the host platform and the last logs, then runs diagnose().
#include <string>
#include <vector>

#include "core/config.h"
#include "core/finding.h"
#include "engine/client.h"
#include "runtime/logs.h"
#include "runtime/state.h"

namespace dd::runtime {

struct LiveTarget {
  ContainerState state;
  Logs logs;
  bool logs_truncated = false;
};

// Throws InputError "no such container: NAME" on 404, and InputError when
// the engine cannot be reached.
LiveTarget fetch(engine::Client& client, const std::string& name_or_id, int tail);
// The containers worth diagnosing: exited (non-zero, or zero after a short
// run), restarting, dead, or unhealthy. Names, oldest first.
std::vector<std::string> problem_containers(engine::Client& client);
// Host architecture and OS as the engine reports them, normalised.
void fill_host(engine::Client& client, ContainerState& s);

// For an `oom` event: waits up to `wait_seconds` for the container to stop,
// then diagnoses it; when it keeps running (the kernel killed a child
// process only) reports the OOM kill from the event itself.
std::vector<Finding> diagnose_oom_event(engine::Client& client, const std::string& id, int tail,
                                        const CoreSettings* core = nullptr, int wait_seconds = 3);

// fetch + diagnose.
std::vector<Finding> diagnose_live(engine::Client& client, const std::string& name_or_id, int tail,
                                   const CoreSettings* core = nullptr);

}  // namespace dd::runtime
