// Registry entries of the table-driven runtime rules: the exit-code rows
// (DD50xx) and the log-signature groups (DD51xx). Joined-evidence rules
// register their own entries in src/runtime/rules/.
#include "runtime/diagnose.h"

namespace dd::runtime {
namespace {

using C = Category;
using S = Severity;

const bool registered = [] {
  // Exit codes.
  Rules::add("DD5001", "exits-immediately", C::exits_immediately, S::error,
               "The main process exited right after it started",
               "A container lives as long as PID 1; a command that finishes or daemonizes stops the container and restarts loop.",
               "Run the server in the foreground as PID 1, e.g. CMD [\"nginx\", \"-g\", \"daemon off;\"]");
  Rules::add("DD5002", "exit-error", C::crash_loop, S::error, "The application exited with an error",
               "A non-zero exit with a restart policy becomes a crash loop.", "docker logs --tail 50 CONTAINER");
  Rules::add("DD5003", "docker-run-failed", C::crash_loop, S::error, "docker run itself failed (exit 125)",
               "The engine could not create or start the container.", "docker inspect -f '{{.State.Error}}' CONTAINER");
  Rules::add("DD5004", "not-executable", C::volume_permissions, S::error, "The command cannot be executed (exit 126)",
               "The entrypoint exists but lacks the execute bit or sits on a noexec mount.",
               "RUN chmod +x /entrypoint.sh   # or COPY --chmod=755");
  Rules::add("DD5005", "command-not-found", C::missing_dependency, S::error, "The command was not found (exit 127)",
               "The entrypoint or a command it runs is not in the image.", "Install the command in the image or fix its path");
  Rules::add("DD5006", "oom-killed", C::oom_killed, S::error, "The container was OOM-killed",
               "The kernel killed the container for exceeding its memory limit.", "docker run --memory 1g ...");
  Rules::add("DD5007", "killed", C::crash_loop, S::error, "The container was killed with SIGKILL (not OOM)",
               "docker kill, or docker stop after SIGTERM was ignored for the stop timeout.", "docker run --init ...");
  Rules::add("DD5008", "crashed-by-signal", C::crash_loop, S::error, "The process crashed on a signal",
               "SIGSEGV, SIGABRT and similar signals end the process without a chance to clean up.",
               "Run the binary on the base it was built for and read the log line before the crash");
  Rules::add("DD5009", "stopped-by-signal", C::crash_loop, S::warning, "The process was stopped by SIGTERM or SIGINT",
               "A process that does not handle SIGTERM drops in-flight work on every deploy.",
               "trap 'kill -TERM $child; wait $child; exit 0' TERM");
  Rules::add("DD5010", "restart-loop", C::crash_loop, S::error, "The container keeps restarting",
               "A restart policy restarts a failing container forever; each restart hides the previous failure.",
               "docker logs --tail 100 CONTAINER   # the cause is in the last run's log");
  Rules::add("DD5011", "unhealthy", C::no_healthcheck, S::error, "The container's health check fails",
               "An unhealthy container is taken out of rotation or restarted by the orchestrator.",
               "docker inspect -f '{{json .State.Health}}' CONTAINER   # fix the probe or the app");
  // Log-signature groups.
  Rules::add("DD5101", "log-read-only-filesystem", C::read_only_filesystem, S::error,
               "The app writes to a read-only filesystem",
               "Under --read-only or readOnlyRootFilesystem every write outside a tmpfs or volume fails.",
               "docker run --read-only --tmpfs /path ...");
  Rules::add("DD5102", "log-permission-denied", C::volume_permissions, S::error, "Permission denied on a path",
               "Files and volumes owned by another user cannot be written by the app's user.",
               "RUN chown -R 1000:1000 /path   # or match --user to the owner");
  Rules::add("DD5103", "log-connection-refused", C::network_unreachable, S::error, "A dependency refused the connection",
               "The app cannot reach a service it needs: wrong address (localhost), down, or not yet ready.",
               "-e DB_HOST=db   # the service name on a user-defined network");
  Rules::add("DD5104", "log-dns-failure", C::network_unreachable, S::error, "A host name does not resolve",
               "The dependency's name is unknown on the container's network.", "docker run --network app ...");
  Rules::add("DD5105", "log-missing-dependency", C::missing_dependency, S::error,
               "Something the program needs is missing from the image",
               "A module, library, loader or runtime the program needs was not installed in the runtime image.",
               "Install it in the runtime stage of the Dockerfile");
  Rules::add("DD5106", "log-missing-config", C::config_missing, S::error, "Configuration the app needs is missing",
               "An env var or setting the app requires was not injected at run time.", "docker run -e NAME=VALUE ...");
  Rules::add("DD5107", "log-credentials-rejected", C::config_missing, S::error, "A dependency rejected the credentials",
               "The injected credentials differ from the service's: a missing or stale secret.",
               "Inject the same secret into both containers");
  Rules::add("DD5108", "log-out-of-memory", C::oom_killed, S::error, "The process ran out of memory",
               "The runtime's heap or the container's limit is too small for the load, or the app leaks.",
               "Bind the heap to the limit (-XX:MaxRAMPercentage, --max-old-space-size) and size --memory");
  Rules::add("DD5109", "log-exec-format-error", C::arch_mismatch, S::error,
               "A binary is built for another CPU architecture",
               "An image built on an arm64 laptop fails on amd64 servers (and the reverse).",
               "docker buildx build --platform linux/amd64,linux/arm64 ...");
  Rules::add("DD5110", "log-privileged-port", C::runs_as_root, S::error, "A non-root process cannot bind a port below 1024",
               "Ports below 1024 need root or CAP_NET_BIND_SERVICE.", "Listen on 8080 and publish -p 80:8080");
  Rules::add("DD5111", "log-address-in-use", C::crash_loop, S::error, "A port is already in use",
               "Two servers compete for one port in the container or on the host network.", "Give each process its own port");
  Rules::add("DD5112", "log-crash", C::crash_loop, S::error, "The process crashed",
               "An uncaught panic, exception or signal ends the process and restarts loop it.",
               "Fix the error the log names; catch and log at the top level");
  return true;
}();

}  // namespace
}  // namespace dd::runtime
