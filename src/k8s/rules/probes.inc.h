#pragma once
// Shared by the probe rules: which workloads run long enough to be probed.
#include "k8s/lint.h"

namespace dd::k8s {
inline bool long_running(const Object& o) {
  return o.kind == "Deployment" || o.kind == "StatefulSet" || o.kind == "DaemonSet" || o.kind == "ReplicaSet" ||
         o.kind == "ReplicationController";
}
// Services of the set whose selector picks this pod.
inline std::vector<const Object*> services_for(const Workload& w) {
  std::vector<const Object*> out;
  for (const auto& o : w.set.objects())
    if (o.kind == "Service" && o.effective_namespace() == w.object.effective_namespace() && o.service_selector.present &&
        !o.service_selector.empty() && o.service_selector.matches(w.pod.labels))
      out.push_back(&o);
  return out;
}
}  // namespace dd::k8s
