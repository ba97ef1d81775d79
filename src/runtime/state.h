#pragma once
// The neutral model of one container's run that the knowledge base judges.
// Filled from `docker inspect` (docker_state.cpp) and from a Kubernetes pod's
// container status (k8s/pod/), each with its own field names.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dd::runtime {

struct Healthcheck {
  std::vector<std::string> test;  // ["CMD-SHELL", "curl -f http://localhost:8080/"]
  int64_t interval_ns = 0;
  int retries = 0;
  bool disabled() const { return !test.empty() && test[0] == "NONE"; }
  // The probe as a shell-like string, without the CMD/CMD-SHELL marker.
  std::string command() const;
};

struct HealthProbe {
  int exit_code = 0;
  std::string output;
  std::string start;
};

// What an image declares (docker image inspect .Config plus platform).
struct ImageConfig {
  bool known = false;
  std::string id;
  std::string user;
  std::vector<std::string> cmd, entrypoint, env;
  std::optional<Healthcheck> healthcheck;
  std::vector<std::string> exposed_ports;
  std::string architecture, os, variant;
};

struct Mount {
  std::string source, destination, type;
  bool rw = true;
};

// The source's names for the fields findings quote, so that evidence reads
// `State.OOMKilled=true` for docker and the pod's path for Kubernetes.
struct FieldNames {
  std::string exit_code = "State.ExitCode";
  std::string oom_killed = "State.OOMKilled";
  // What follows `oom_killed=` in evidence: a pod's field is the reason.
  std::string oom_killed_true = "true";
  std::string oom_killed_false = "false";
  std::string error = "State.Error";
  std::string status = "State.Status";
  std::string started_at = "State.StartedAt";
  std::string finished_at = "State.FinishedAt";
  std::string health = "State.Health";
  std::string restart_count = "RestartCount";
  std::string memory = "HostConfig.Memory";
  std::string nano_cpus = "HostConfig.NanoCpus";
  std::string readonly_rootfs = "HostConfig.ReadonlyRootfs";
  std::string tmpfs = "HostConfig.Tmpfs";
  std::string restart_policy = "HostConfig.RestartPolicy";
  std::string env = "Config.Env";
  std::string cmd = "Config.Cmd";
  std::string entrypoint = "Config.Entrypoint";
  std::string user = "Config.User";
  std::string healthcheck = "Config.Healthcheck";
  std::string exposed_ports = "Config.ExposedPorts";
  std::string image_arch = "Image.Architecture";
  std::string logs = "logs";
};

// The program PID 1 was asked to run, as the engine's filesystem shows it.
// Read live (through the archive endpoint, stopped containers included) when
// the container is not running; a saved inspect file does not have it.
struct StartFile {
  std::string path;          // argv[0] resolved against WorkingDir or PATH
  bool exists = false;
  uint32_t mode = 0;         // permission bits (0755)
  std::string head;          // the first 4 KiB
  bool script = false;       // starts with #!
  bool elf = false;          // starts with \x7fELF
  std::string interpreter;   // the #! program (a trailing \r kept) or the ELF loader (PT_INTERP)
  std::optional<bool> interpreter_exists;
};

struct ContainerState {
  std::string source = "docker";  // docker | k8s
  std::string name;               // without the leading '/'
  std::string id;
  std::string image;     // as asked for: nginx:1.25
  std::string image_id;  // sha256:...
  FieldNames fields;

  // State
  std::string status;  // created, running, restarting, exited, dead, paused
  bool running = false;
  bool restarting = false;
  bool dead = false;
  bool oom_killed = false;
  std::optional<int> exit_code;
  std::string error;  // State.Error: the runtime's own failure
  std::string started_at, finished_at;
  std::optional<double> uptime_seconds;  // FinishedAt - StartedAt, when both are set
  int restart_count = 0;
  std::string health_status;  // healthy, unhealthy, starting, or empty
  int failing_streak = 0;
  std::vector<HealthProbe> health_log;

  // HostConfig
  int64_t memory_limit = 0;  // bytes; 0 means none
  int64_t nano_cpus = 0;
  int64_t cpu_quota = 0, cpu_period = 0;
  bool readonly_rootfs = false;
  std::map<std::string, std::string> tmpfs;
  std::string restart_policy;
  std::vector<Mount> mounts;

  // Config
  std::vector<std::string> env;  // NAME=value
  std::vector<std::string> cmd, entrypoint;
  std::string user;
  std::string working_dir;
  std::optional<Healthcheck> healthcheck;
  std::vector<std::string> exposed_ports;  // 8080/tcp
  bool tty = false;
  std::optional<StartFile> start_file;

  ImageConfig image_config;
  std::string host_arch, host_os;  // the engine's, normalised (amd64, arm64)

  // Helpers over the fields above.
  std::optional<std::string> env_value(const std::string& name) const;
  // The effective user: Config.User, else the image's, else "" (root).
  std::string effective_user() const;
  bool runs_as_root() const;
  // Entrypoint + Cmd joined with spaces: what PID 1 runs.
  std::string command_line() const;
  // Healthcheck of the container, else of the image.
  const Healthcheck* effective_healthcheck() const;
  // The container's label for messages: name, else a short id.
  std::string label() const;
};

// Normalises architecture names: x86_64 -> amd64, aarch64 -> arm64.
std::string normalize_arch(const std::string& arch);
// "16MiB", "1.5GiB": a readable byte size.
std::string human_bytes(int64_t bytes);
// Parses RFC 3339 timestamps as docker writes them; nullopt for the zero time.
std::optional<double> parse_time(const std::string& rfc3339);

}  // namespace dd::runtime
