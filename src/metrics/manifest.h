#pragma once
// The containers of a Kubernetes manifest and the lines of their
// resources, for --manifest (a small reader; src/k8s holds the full model).
#include <string>
#include <vector>

namespace dd::metrics {

struct ManifestContainer {
  std::string resource;  // Kind/namespace/name
  std::string name;
  int line = 0;            // the "- name:" line
  int resources_line = 0;  // 0 when there is no resources: key
  struct Field {
    std::string path;  // limits.memory
    std::string value;
    int line = 0;
  };
  std::vector<Field> fields;
};

// Throws InputError on a missing or malformed file.
std::vector<ManifestContainer> read_manifest(const std::string& path);

}  // namespace dd::metrics
