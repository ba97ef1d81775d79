#pragma once
// `drydock k8s lint`: the Kubernetes rules over a manifest set. One rule per
// file in rules/, each registering with DD_K8S_RULE.
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/finding.h"
#include "core/registrar.h"
#include "core/registry.h"
#include "core/report.h"
#include "k8s/manifest.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/quantity.h"

namespace dd::k8s {

// What a rule judges: one object with a pod template, in its set.
struct Workload {
  const ManifestSet& set;
  const Object& object;
  const PodSpec& pod;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(const Workload& w, Report& out) const = 0;
};

using Rules = Registrar<Domain::k8s, Rule>;
inline std::vector<const Rule*>& rules() { return Rules::rules(); }
#define DD_K8S_RULE(Class) static ::dd::k8s::Rules::Enlist<Class> dd_register_##Class;

// A finding at mark `m` of the object (and container when given): file,
// line, column, resource "Kind/namespace/name", container, field path.
Finding at(const Workload& w, const Container* c, Mark m, std::string message, std::string evidence = {},
           std::string field = {});

// Every container of the pod, init containers first.
std::vector<const Container*> all_containers(const PodSpec& pod);

// The container's command line: command + args, joined by spaces.
std::string command_line(const Container& c);

// The heap-relevant runtime of a container, judged from its image and command
// (the knowledge layer's table, knowledge/images.h).
using Runtime = kb::RuntimeKind;
Runtime runtime_of(const Container& c);

// The env a container sees, resolved against the set where it can be (envFrom
// first, env overriding). `at` is the env or envFrom entry of the workload.
struct EnvSeen {
  std::string name;
  std::string value;
  bool secret = false;
  Mark at;
  std::string from;  // "" for a literal, "ConfigMap NAME", "Secret NAME"
};
std::vector<EnvSeen> env_seen(const Workload& w, const Container& c);

// Heap and CPU flags of the JVM and Node, from command/args and the options
// variables (JAVA_TOOL_OPTIONS, JAVA_OPTS, NODE_OPTIONS...), also via ConfigMaps.
struct HeapFlag {
  std::string text;    // the flag as written: -Xmx2g
  int64_t bytes = 0;   // -Xmx, -XX:MaxHeapSize, --max-old-space-size
  double percent = 0;  // -XX:MaxRAMPercentage
  bool node = false;
  bool active_processor_count = false;
  std::string where;  // "args", "env JAVA_OPTS (from ConfigMap app)"
  Mark at;
};
std::vector<HeapFlag> heap_flags(const Workload& w, const Container& c);

// Lints every workload of the set with every k8s rule, honouring drydock's
// and the peers' ignore annotations. Reads the core settings (ignores,
// severities) and its own section only.
std::vector<Finding> lint(const ManifestSet& set, const CoreSettings& core, const K8sSettings& settings = {});

}  // namespace dd::k8s
