#pragma once
// Fixes in a pod's words: the knowledge base writes fixes for containers
// (`docker run --tmpfs /x`, `-e K=V`, `--memory 1g`); when the state came
// from a pod (or a `k8s preflight` run) they become the YAML to paste into
// the container and pod spec (volumeMounts + emptyDir, env, resources,
// securityContext, ports), with no docker flags left.
#include <string>

namespace dd::runtime {

// `fix` with every `docker run ...` line and bare `-e`/`--flag` line turned
// into Kubernetes YAML for `container`; other lines are kept. A fix without
// docker flags is returned as it is.
std::string kubernetes_fix(const std::string& fix, const std::string& container);

}  // namespace dd::runtime
