#pragma once
// Pod diagnosis: the engine rules over each container's runtime state, and
// the pod's own failure reasons (DD65xx): CrashLoopBackOff, image pulls,
// missing ConfigMaps/Secrets/keys, start errors, Completed in a Deployment,
// eviction, scheduling, mounts and failing probes.
#include <string>
#include <vector>

#include "core/config.h"
#include "core/finding.h"
#include "k8s/pod/pod.h"
#include "runtime/logs.h"

namespace dd::k8s::pod {

struct ContainerLogs {
  std::string container;  // empty: the container that failed
  runtime::Logs logs;
};

// Judges one pod. Findings carry location.resource (Pod/ns/name),
// location.container and the pod's field path; describe input adds the file
// and line. Secret values are redacted.
std::vector<Finding> diagnose_pod(Pod& pod, const std::vector<ContainerLogs>& logs, const CoreSettings* core = nullptr);

// The container a `--logs` file without a container name belongs to: the one
// that failed (waiting, terminated or restarted), else the first.
std::string failing_container(const Pod& pod);

// Classifies an image pull error message: auth, not-found, bad-tag,
// registry-unreachable, invalid-name, or "" when the text says none of these.
std::string classify_pull_error(const std::string& message);

}  // namespace dd::k8s::pod
