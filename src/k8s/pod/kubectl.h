#pragma once
// `drydock diagnose pod/NAME [-n NS]`: gathers the pod JSON, its events and
// its logs through the kubectl on PATH (describe is read too, for what the
// JSON lacks).
#include <string>
#include <vector>

#include "k8s/pod/diagnose_pod.h"
#include "k8s/pod/pod.h"

namespace dd::k8s::pod {

struct Gathered {
  Pod pod;
  std::vector<ContainerLogs> logs;
};

// Throws InputError (one line) when kubectl is missing or the pod cannot be read.
Gathered gather_with_kubectl(const std::string& name, const std::string& ns, int tail);

}  // namespace dd::k8s::pod
