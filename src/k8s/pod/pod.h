#pragma once
// A Kubernetes pod as drydock diagnoses it, read from any of the forms
// kubectl prints: `get pod -o json|yaml` (one pod or a List), `describe pod`
// text, and `get events -o json`. Each container's status fills the neutral
// runtime::ContainerState with the pod's own field paths, so the engine
// rules judge pods as they judge containers.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/state.h"

namespace dd::k8s::pod {

// One event, from events JSON or the Events table of describe.
struct Event {
  std::string type;      // Normal, Warning
  std::string reason;    // BackOff, Failed, FailedScheduling, Unhealthy ...
  std::string message;
  std::string object_kind, object_name, object_namespace;
  std::string field_path;  // spec.containers{app}
  int count = 1;           // series.count, else count, else 1
  std::string first_seen, last_seen;  // RFC 3339, or describe's Age column
  std::string source;      // kubelet, default-scheduler
  std::string file;        // where it was read
  int line = 0;            // 1-based line of describe text, 0 for JSON
  int index = -1;          // position in the events JSON items
  // The container the event is about (from fieldPath or a spec.containers{x}: prefix).
  std::string container() const;
};

// A valueFrom or envFrom reference of the spec.
struct EnvRef {
  std::string var;    // the env var (empty for envFrom)
  std::string kind;   // configMap, secret, field, resourceField
  std::string object; // ConfigMap/Secret name
  std::string key;    // key, or the field path
  bool optional = false;
  std::string field;  // spec.containers[0].env[2].valueFrom.configMapKeyRef
};

struct Probe {
  std::string kind;     // liveness, readiness, startup
  std::string handler;  // http-get, tcp-socket, exec, grpc
  std::string port;     // number or name
  std::string path;
  std::string text;     // as describe prints it
  int initial_delay = 0, period = 10, timeout = 1, failure_threshold = 3;
  std::string field;    // spec.containers[0].livenessProbe
};

struct ContainerStatusInfo {
  std::string state;  // waiting, running, terminated, or empty
  std::string reason, message;
  std::optional<int> exit_code;
  std::string started_at, finished_at;
  std::string path;   // status.containerStatuses[0].state.waiting
};

struct Container {
  std::string name;
  bool init = false;
  int index = 0;             // in spec.containers (or initContainers)
  std::string spec_path;     // spec.containers[0]
  std::string status_path;   // status.containerStatuses[0]
  std::string image;
  std::vector<std::string> ports;  // 8080/TCP
  std::vector<EnvRef> refs;
  std::vector<Probe> probes;
  std::string memory_limit_text, memory_request_text, cpu_limit_text, cpu_request_text;
  ContainerStatusInfo current, last;
  bool ready = false;
  int restart_count = 0;
  bool has_status = false;
  runtime::ContainerState state;  // filled by fill_state()
  // describe text: the line of each field read (field path -> 1-based line).
  std::map<std::string, int> lines;
};

struct Volume {
  std::string name, kind, object;  // kind: configMap, secret, persistentVolumeClaim, emptyDir ...
  std::string field;               // spec.volumes[1].configMap
};

struct Condition {
  std::string type, status, reason, message;
};

struct Pod {
  std::string name, namespace_ = "default";
  std::string phase, reason, message;  // status.phase / reason / message
  std::string owner_kind, owner_name;  // ReplicaSet/app-7d9f8b6c5
  std::string restart_policy = "Always";
  std::string node;
  std::vector<Container> containers;  // init containers first, then the app containers
  std::vector<Volume> volumes;
  std::vector<Condition> conditions;
  std::vector<Event> events;
  std::string file;              // the file it was read from
  bool from_describe = false;
  bool has_spec = false;         // the spec (or describe's Containers section) was read
  std::map<std::string, int> lines;  // describe text: field path -> line
  std::string resource() const;  // Pod/default/app-7d9f8b6c5-x2x9k
  Container* find_container(std::string_view name);
};

// What a file holds, decided from its content.
enum class InputKind { docker_inspect, pod, events, describe, unknown };

struct Input {
  InputKind kind = InputKind::unknown;
  std::vector<Pod> pods;      // pod JSON/YAML or describe
  std::vector<Event> events;  // events JSON
};

// Reads one file and tells what it is. Throws InputError (file and problem,
// one line) on unreadable or malformed input; docker inspect files are
// returned with kind docker_inspect and left to the runtime reader.
Input read_input(const std::filesystem::path& file);
Input read_input_text(std::string_view text, const std::string& file);

// The readers behind read_input.
std::vector<Pod> pods_from_json(const nlohmann::json& j, const std::string& file);
std::vector<Pod> parse_describe(std::string_view text, const std::string& file);
std::vector<Event> events_from_json(const nlohmann::json& j, const std::string& file);
// YAML (one or several documents) as JSON; throws InputError with the line.
std::vector<nlohmann::json> yaml_documents(std::string_view text, const std::string& file);

// Gives each pod the events about it (by involved object name and namespace,
// or the pod's owner). Events already in the pod (from describe) are
// replaced by the JSON ones when both are given, since JSON has every one.
void attach_events(std::vector<Pod>& pods, const std::vector<Event>& events);
// Pods named only by events (no pod JSON or describe given).
std::vector<Pod> pods_from_events(const std::vector<Event>& events);
// Merges a describe reading of the same pod into a JSON one (events, and
// anything the JSON lacks).
void merge_pod(Pod& into, const Pod& from);

// Fills every container's runtime::ContainerState from the pod.
void fill_states(Pod& pod);

}  // namespace dd::k8s::pod
