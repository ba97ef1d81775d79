#pragma once
// `drydock k8s preflight`: runs a workload's pod template on the local Docker
// engine under the manifest's constraints (user and groups, read-only root,
// capabilities, no-new-privileges, emptyDir as tmpfs, ConfigMap and Secret
// files owned and moded as the kubelet writes them, env resolved from the
// set, limits, command and args with $(VAR) expansion), executes its probes
// against the running container, then judges the run with the engine
// diagnosis. Every container, volume and temporary folder it makes is removed
// before it returns, also when interrupted.
#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/finding.h"
#include "engine/client.h"
#include "k8s/manifest.h"

namespace dd::k8s::preflight {

struct Options {
  std::string workload;   // "Kind/name", "name", or "" for the only workload of the set
  std::string container;  // "" for the first container of the pod
  // "IMAGE" (the container run) or "CONTAINER=IMAGE".
  std::vector<std::string> image_overrides;
  int timeout_seconds = 30;     // how long the container runs at most
  std::string probe_image;      // runs http/tcp probes in the pod's network when the image has no tools
  // Set (to the signal number) by a SIGINT/SIGTERM handler: the run stops,
  // cleans up and throws InputError.
  const std::atomic<int>* interrupted = nullptr;
  // Progress lines ("creating container ...") for stderr; may be empty.
  std::function<void(const std::string&)> progress;
};

// One probe as it was executed.
struct ProbeRun {
  std::string kind;     // liveness, readiness, startup
  std::string handler;  // exec, httpGet, tcpSocket, grpc
  std::string target;   // "GET http://127.0.0.1:8080/healthz", "tcp 127.0.0.1:5432", "exec cat /tmp/ready"
  std::string field;    // spec.template.spec.containers[0].livenessProbe
  Mark at;
  int attempts = 0, successes = 0, failures = 0;
  int streak = 0;              // consecutive failures at the end
  int max_streak = 0;
  int failure_threshold = 3;
  double first_success = -1;   // seconds after start, -1: never
  std::string last_output;     // of the last failure
  std::string not_run;         // why it was not executed ("" when it was)
  bool would_restart = false;  // liveness/startup reached failureThreshold
};

struct Result {
  std::vector<Finding> findings;
  std::vector<ProbeRun> probes;
  nlohmann::json run;  // what was run: image, user, read-only, mounts, env names, limits, seconds, exit
  std::vector<std::string> notes;  // what the local engine could not reproduce
};

// Runs the preflight of one container of one workload of `set`. Throws
// InputError (one line) for bad input: no or several workloads, unknown
// container, image not in the local engine, engine unreachable, interrupted.
Result run(const ManifestSet& set, const Options& options, engine::Client& client, const Config& config);

// The text block printed before the findings in text format.
std::string describe(const Result& r);

}  // namespace dd::k8s::preflight
