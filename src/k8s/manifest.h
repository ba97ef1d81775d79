#pragma once
// Kubernetes manifests as drydock reads them: every object of a set of files
// (multi-document YAML, JSON, `List` kinds, directories, Helm-rendered output)
// with the line and column of every field a check may point at.
//
// The model is typed for what the checks and envdiff read (pod templates,
// ConfigMaps, Secrets, Services, NetworkPolicies, Namespaces); the YAML node
// of each object is kept too (Object::node) for anything else.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd::k8s {

struct Mark {
  int line = 0;  // 1-based; 0 when the field is absent
  int column = 0;
  bool known() const { return line > 0; }
};

// A label selector (matchLabels + matchExpressions), as the API evaluates it.
struct SelectorRequirement {
  std::string key;
  std::string op;  // In, NotIn, Exists, DoesNotExist
  std::vector<std::string> values;
};
struct LabelSelector {
  bool present = false;  // the field was written (an empty selector {} selects everything)
  std::map<std::string, std::string> match_labels;
  std::vector<SelectorRequirement> match_expressions;
  Mark at;
  // True when `labels` satisfy every requirement. An unknown operator matches nothing.
  bool matches(const std::map<std::string, std::string>& labels) const;
  bool empty() const { return match_labels.empty() && match_expressions.empty(); }
};

// One entry of `env`.
struct EnvVar {
  enum class Source { value, config_map_key, secret_key, field_ref, resource_field_ref, unknown };
  std::string name;
  Mark at;  // the `name:` value
  Source source = Source::value;
  std::string value;  // for Source::value (may be empty)
  bool has_value = false;
  Mark value_at;
  // configMapKeyRef / secretKeyRef / fieldRef / resourceFieldRef
  std::string ref_name;  // the ConfigMap or Secret name; fieldPath; resource
  std::string ref_key;   // the key; containerName for resourceFieldRef
  bool optional = false;
  Mark ref_at;      // the `name:` inside the key ref (or the ref itself)
  Mark ref_key_at;  // the `key:` inside the key ref
};

// One entry of `envFrom`.
struct EnvFrom {
  bool secret = false;  // secretRef, else configMapRef
  std::string name;
  std::string prefix;
  bool optional = false;
  Mark at;  // the `name:` of the ref
};

struct ContainerPort {
  std::string name;
  int container_port = 0;
  std::string protocol = "TCP";
  Mark at;
};

struct Probe {
  bool present = false;
  Mark at;                  // the probe key (livenessProbe:)
  std::string handler;      // httpGet, tcpSocket, exec, grpc ("" when none)
  std::string port;         // number or name, as written ("" for exec)
  Mark port_at;
  std::string path;         // httpGet
  std::string host;         // httpGet/tcpSocket host ("" = the pod IP)
  std::string scheme;       // httpGet: HTTP (default) or HTTPS
  std::vector<std::pair<std::string, std::string>> http_headers;  // httpGet httpHeaders, in order
  std::string grpc_service; // grpc: the service name of the health check ("" = the server)
  std::vector<std::string> command;  // exec
  int initial_delay_seconds = 0;
  Mark initial_delay_at;
  int period_seconds = 10;
  int timeout_seconds = 1;
  int failure_threshold = 3;
  int success_threshold = 1;
  // The whole probe in one canonical text, to compare two probes.
  std::string canonical;
};

struct Resources {
  std::string memory_limit, memory_request, cpu_limit, cpu_request;  // as written
  Mark memory_limit_at, memory_request_at, cpu_limit_at, cpu_request_at;
  Mark at;  // resources:
};

// Pod- or container-level securityContext. Fields stay nullopt when absent.
struct SecurityContext {
  bool present = false;
  Mark at;
  std::optional<bool> run_as_non_root;
  Mark run_as_non_root_at;
  std::optional<int64_t> run_as_user;
  Mark run_as_user_at;
  std::optional<int64_t> run_as_group;
  Mark run_as_group_at;
  std::optional<int64_t> fs_group;  // pod level only
  Mark fs_group_at;
  std::optional<bool> privileged;
  Mark privileged_at;
  std::optional<bool> allow_privilege_escalation;
  Mark allow_privilege_escalation_at;
  std::optional<bool> read_only_root_filesystem;
  Mark read_only_root_filesystem_at;
  std::vector<std::string> capabilities_add, capabilities_drop;
  Mark capabilities_add_at, capabilities_drop_at;
};

struct VolumeMount {
  std::string name;
  std::string mount_path;
  std::string sub_path;
  bool read_only = false;
  Mark at;  // the `mountPath:` value
};

struct KeyToPath {
  std::string key;
  std::string path;
  std::optional<int> mode;
};

struct Volume {
  enum class Type { empty_dir, config_map, secret, pvc, host_path, projected, other };
  std::string name;
  Type type = Type::other;
  std::string source;  // ConfigMap / Secret / claim name, hostPath path
  std::optional<int> default_mode;
  std::vector<KeyToPath> items;
  bool optional = false;
  std::string medium;  // emptyDir medium
  std::string size_limit;
  Mark at;  // the `name:` value
};

struct Container {
  std::string name;
  bool init = false;
  Mark at;  // the `name:` value
  std::string image;
  Mark image_at;
  std::string image_pull_policy;
  Mark image_pull_policy_at;
  std::vector<std::string> command, args;
  Mark command_at, args_at;
  std::string working_dir;
  std::vector<EnvVar> env;
  std::vector<EnvFrom> env_from;
  std::vector<ContainerPort> ports;
  Probe liveness, readiness, startup;
  Resources resources;
  bool has_resources = false;
  SecurityContext security_context;  // the container's own, not merged
  std::vector<VolumeMount> volume_mounts;
  std::string restart_policy;  // initContainers: "Always" makes it a sidecar
  std::string path;  // field path of this container: spec.template.spec.containers[0]
};

struct PodSpec {
  std::string path;  // field path of the spec: spec.template.spec, spec.jobTemplate.spec.template.spec, spec
  Mark at;
  std::map<std::string, std::string> labels;       // the pod template's labels (metadata.labels for a Pod)
  std::map<std::string, std::string> annotations;  // the pod template's annotations
  std::vector<Container> containers;
  std::vector<Container> init_containers;
  std::vector<Volume> volumes;
  SecurityContext security_context;
  bool host_network = false;
  std::string service_account;
  std::optional<bool> automount_service_account_token;  // nullopt when not written
  std::optional<bool> enable_service_links;             // nullopt when not written (the API defaults to true)
  const Volume* volume(std::string_view name) const;
};

// The effective security settings of a container: the container's fields
// over the pod's, as the API merges them.
struct EffectiveSecurity {
  std::optional<bool> run_as_non_root;
  Mark run_as_non_root_at;
  std::optional<int64_t> run_as_user;
  Mark run_as_user_at;
  std::optional<int64_t> run_as_group;
  std::optional<bool> read_only_root_filesystem;
  Mark read_only_root_filesystem_at;
};
EffectiveSecurity effective_security(const PodSpec& pod, const Container& c);

struct DataEntry {
  std::string value;  // ConfigMap data as written; Secret data base64-decoded (stringData as written)
  Mark at;            // the key
};

struct ServicePort {
  std::string name;
  int port = 0;
  std::string target_port;  // number or name; "" means `port`
  std::string protocol = "TCP";
};

// A NetworkPolicy peer: podSelector and/or namespaceSelector, or ipBlock.
struct PolicyPeer {
  LabelSelector pod_selector;
  LabelSelector namespace_selector;
  std::string ip_block_cidr;  // "" when none
  std::vector<std::string> ip_block_except;
};
struct PolicyPort {
  std::string protocol = "TCP";
  std::string port;  // number or name; "" = every port
  int end_port = 0;
};
struct PolicyRule {
  bool peers_present = false;  // `from:`/`to:` written; absent or empty = every peer
  std::vector<PolicyPeer> peers;
  bool ports_present = false;  // absent or empty = every port
  std::vector<PolicyPort> ports;
  Mark at;
};

struct NetworkPolicy {
  LabelSelector pod_selector;
  bool ingress_type = false;  // policyTypes, defaulted as the API does
  bool egress_type = false;
  std::vector<PolicyRule> ingress, egress;
};

struct Object {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string namespace_;  // "" when not written
  std::string file;        // as shown in findings
  std::string source;      // Helm `# Source:` template, "" when none
  int document = 0;        // 0-based document in the file
  Mark at;                 // the object's first key
  Mark kind_at;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  YAML::Node node;  // the whole object

  std::optional<PodSpec> pod;  // workloads and Pods
  // ConfigMap (data + binaryData keys) and Secret (data + stringData)
  std::map<std::string, DataEntry> data;
  std::string secret_type;
  // Service
  LabelSelector service_selector;
  std::vector<ServicePort> service_ports;
  std::string service_type;
  std::string external_name;
  std::string cluster_ip;  // spec.clusterIP as written ("None" for headless, "" when not written)
  // ServiceAccount
  std::optional<bool> automount_service_account_token;
  // NetworkPolicy
  std::optional<NetworkPolicy> network_policy;

  // "Kind/namespace/name" ("Kind/name" with no namespace written).
  std::string resource() const;
  // The namespace the object lives in: namespace_, else "default".
  std::string effective_namespace() const { return namespace_.empty() ? "default" : namespace_; }
  // The file as findings show it: "file" or "file (from chart/templates/x.yaml)".
  bool is(std::string_view k) const { return kind == k; }
};

// Every object of a set of inputs. Object addresses are stable once loaded.
class ManifestSet {
 public:
  std::vector<Object>& objects() { return objects_; }
  const std::vector<Object>& objects() const { return objects_; }
  // Lookups within a namespace ("" matches the default namespace).
  const Object* find(std::string_view kind, std::string_view ns, std::string_view name) const;
  bool has_kind(std::string_view kind) const;
  // Namespace labels, from Namespace objects in the set (plus the automatic
  // kubernetes.io/metadata.name label); nullopt when the set does not define it.
  std::optional<std::map<std::string, std::string>> namespace_labels(std::string_view ns) const;
  // The files read, in order.
  std::vector<std::string> files;

 private:
  std::vector<Object> objects_;
};

// Loads files and directories (recursively: *.yaml, *.yml, *.json, in name
// order). YAML or JSON that does not parse throws InputError
// "FILE:LINE:COL: malformed YAML: ..."; documents without apiVersion and kind
// are skipped.
ManifestSet load(const std::vector<std::filesystem::path>& paths);
// Adds a file or a folder (as load does). A file named itself (not found in
// a folder) that holds only YAML scalars (binary junk, plain text) throws
// InputError "FILE: holds no Kubernetes object".
void load_path(ManifestSet& set, const std::filesystem::path& path);
// Adds the objects of one file. `display` is the name findings show. `named`:
// the user named this file, so only-scalar content is an InputError (as above);
// otherwise it is skipped silently like other non-manifest YAML.
void load_file(ManifestSet& set, const std::filesystem::path& path, const std::string& display = {},
               bool named = false);
// Adds the objects of a text (stdin, tests and the fuzzer); `named` as for load_file.
void load_text(ManifestSet& set, std::string_view text, const std::string& display, bool named = false);
// True when the text holds at least one document with apiVersion and kind.
bool looks_like_manifest(std::string_view text);

// The value of an env var resolved against the set: a literal, a ConfigMap
// or Secret key. nullopt when it refers to something the set lacks (or to a
// field/resource ref).
std::optional<std::string> resolve_env(const ManifestSet& set, const Object& owner, const EnvVar& e);
// Every variable a container sees, in order of precedence as the kubelet
// builds them (envFrom first, then env overriding), with values resolved
// where the set allows. `from` says where each value came from.
struct ResolvedEnv {
  std::string name;
  std::optional<std::string> value;
  bool secret = false;   // from a Secret: never print the value
  std::string from;      // "env", "configmap/NAME", "secret/NAME", "fieldRef"...
  Mark at;
};
std::vector<ResolvedEnv> container_env(const ManifestSet& set, const Object& owner, const Container& c);

// The kubelet's $(VAR) expansion of env values, command and args: $(NAME)
// becomes the value `lookup` gives and stays as written when it gives none;
// $$ is one literal $, and any other $ stays as it is.
std::string expand_vars(std::string_view s,
                        const std::function<std::optional<std::string>(const std::string&)>& lookup);

// The workload kinds whose pod template is read.
bool is_workload_kind(std::string_view kind);

}  // namespace dd::k8s
