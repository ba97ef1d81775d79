#pragma once
// --manifest: the container of a Kubernetes manifest a series belongs to, and
// the lines of its resources to change. Manifests are read by the one loader,
// src/k8s/manifest.h.
#include <string>
#include <vector>

#include "core/finding.h"
#include "metrics/analyze.h"

namespace dd::metrics {

struct ManifestContainer {
  std::string file;       // the manifest file it is in
  std::string resource;   // Kind/namespace/name, as k8s::Object::resource()
  std::string kind, name;  // the workload
  std::string ns;          // the namespace written, "" when none is
  std::string container;
  int line = 0;            // the container's name: line
  int resources_line = 0;  // 0 when there is no resources: key
  struct Field {
    std::string path;  // limits.memory
    std::string value;
    int line = 0;
  };
  std::vector<Field> fields;
};

// Every container of the workloads and Pods of a file or a directory.
// Throws InputError on a missing or malformed file.
std::vector<ManifestContainer> read_manifest(const std::string& path);

// The manifest container of a series' key: same container name, the pod
// named after the workload (a Pod's own name, a Deployment's
// NAME-<hash>-<id>, a StatefulSet's NAME-<n>...; the longest such name wins)
// and, when both say one, the same namespace. Without a pod label, the one
// container of that name. nullptr when nothing matches for sure.
const ManifestContainer* match(const std::vector<ManifestContainer>& ms, const Key& key);

// Points the recommendation findings (DD8002, DD8004, DD8005, DD8006) at the
// matched container's resources: line, and names the lines to change.
void point_at_manifest(std::vector<Finding>& fs, const std::vector<Container>& cs,
                       const std::vector<ManifestContainer>& ms, const std::string& path);

}  // namespace dd::metrics
