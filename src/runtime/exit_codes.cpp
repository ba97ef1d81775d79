// The exit-code table. tests/runtime/exit_codes_test.cpp walks every row.
#include "runtime/exit_codes.h"

namespace dd::runtime {
namespace {

using C = Category;
using S = Severity;

const ExitCode kTable[] = {
    {0, -1, "DD5001", "success", C::exits_immediately, S::error, "The main process exited right after it started",
     "PID 1 finished (or forked into the background) seconds after start, so the container stopped with it.",
     "Run the server in the foreground as PID 1, e.g. CMD [\"nginx\", \"-g\", \"daemon off;\"]", false},
    {1, -1, "DD5002", "application error", C::crash_loop, S::error, "The application exited with an error",
     "The main process reported a failure (exit 1); its last log lines say why.",
     "docker logs --tail 50 CONTAINER   # read the error, then fix its cause", true},
    {2, -1, "DD5002", "misuse or shell error", C::crash_loop, S::error, "The command failed with exit 2",
     "Exit 2 is a shell or CLI usage error: a bad flag, a syntax error or an unset required parameter.",
     "docker run --rm -it --entrypoint sh IMAGE   # and run the command by hand", true},
    {125, -1, "DD5003", "the container runtime failed", C::crash_loop, S::error, "docker run itself failed (exit 125)",
     "The engine could not create or start the container: a bad flag, a missing mount source or a runtime error.",
     "docker inspect -f '{{.State.Error}}' CONTAINER   # then fix the flag or mount it names", false},
    {126, -1, "DD5004", "permission denied or not executable", C::volume_permissions, S::error,
     "The command cannot be executed (exit 126)",
     "The entrypoint exists but is not executable: no execute bit, a noexec mount, or a directory.",
     "RUN chmod +x {1}   # or COPY --chmod=755 SOURCE {1}", false,
     "exec-permission-denied,sh-exec-permission"},
    {127, -1, "DD5005", "command not found", C::missing_dependency, S::error, "The command was not found (exit 127)",
     "The entrypoint or a command it runs does not exist in the image or is not on PATH.",
     "RUN apt-get update && apt-get install -y --no-install-recommends PACKAGE   # or fix the command path", false},
    {130, -1, "DD5009", "SIGINT", C::crash_loop, S::warning, "The process was interrupted (SIGINT)",
     "PID 1 got SIGINT (Ctrl-C on an attached terminal, or a stop signal set to SIGINT).",
     "STOPSIGNAL SIGTERM   # and handle SIGTERM in the app", false},
    {134, -1, "DD5008", "SIGABRT", C::crash_loop, S::error, "The process aborted (SIGABRT)",
     "The process called abort(): a failed assertion, an uncaught C++ exception or heap corruption.",
     "docker logs CONTAINER   # the line before the abort names the assertion or exception", false,
     "cpp-terminate,heap-corruption"},
    {137, 1, "DD5006", "SIGKILL by the OOM killer", C::oom_killed, S::error, "The container was OOM-killed",
     "The processes used more memory than the container's limit and the kernel killed them.",
     "docker run --memory 1g ...   # raise the limit above the real peak, or bound the runtime's heap", false,
     "shell-killed,oom-killer-message"},
    {137, 0, "DD5007", "SIGKILL", C::crash_loop, S::error, "The container was killed with SIGKILL (not OOM)",
     "Something sent SIGKILL: docker kill, or docker stop after the process ignored SIGTERM for the whole stop timeout.",
     "Handle SIGTERM in PID 1 (exec the server, or use --init) so docker stop ends it cleanly: docker run --init ...", false},
    {139, -1, "DD5008", "SIGSEGV", C::crash_loop, S::error, "The process crashed with a segmentation fault (SIGSEGV)",
     "The process accessed invalid memory: a native bug, a musl/glibc ABI mismatch or a corrupt binary.",
     "Run the binary on the base it was built for (FROM debian:bookworm-slim for glibc builds) and check native modules", false,
     "segfault"},
    {143, -1, "DD5009", "SIGTERM", C::crash_loop, S::warning, "The process was stopped by SIGTERM",
     "PID 1 ended on SIGTERM without handling it: docker stop, a rolling update, or a liveness probe restart.",
     "Trap SIGTERM and exit 0 after draining: trap 'kill -TERM $child; wait $child; exit 0' TERM", false},
    {255, -1, "DD5002", "exit status out of range", C::crash_loop, S::error, "The process exited with status 255",
     "Exit 255 is an exit(-1) or a fatal error in the runtime (ssh, PHP, Node.js before start-up).",
     "docker logs --tail 50 CONTAINER   # the fatal error is in the last lines", true},
    // Fallbacks (code -1: any other non-zero status; -2: other signals).
    {-1, -1, "DD5002", "error", C::crash_loop, S::error, "The application exited with an error",
     "The main process exited with a non-zero status.", "docker logs --tail 50 CONTAINER   # read the error", true},
    {-2, -1, "DD5008", "killed by a signal", C::crash_loop, S::error, "The process was killed by a signal",
     "The main process was terminated by a signal.", "docker logs CONTAINER   # and the host's dmesg for the signal's origin",
     false},
};

const char* const kSignals[] = {"",        "SIGHUP",  "SIGINT",  "SIGQUIT", "SIGILL",  "SIGTRAP", "SIGABRT",
                                "SIGBUS",  "SIGFPE",  "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE",
                                "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
                                "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
                                "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

}  // namespace

std::span<const ExitCode> exit_codes() { return kTable; }

const char* signal_name(int signo) {
  if (signo <= 0 || signo >= static_cast<int>(std::size(kSignals))) return "";
  return kSignals[signo];
}

const ExitCode* lookup_exit(int code, bool oom_killed) {
  for (const auto& row : kTable) {
    if (row.code != code) continue;
    if (row.oom == 1 && !oom_killed) continue;
    if (row.oom == 0 && oom_killed) continue;
    return &row;
  }
  if (code == 0) return nullptr;
  // An OOM kill reported with an unusual status still is an OOM kill.
  if (oom_killed) return lookup_exit(137, true);
  int fallback = (code > 128 && code < 160) ? -2 : -1;
  for (const auto& row : kTable)
    if (row.code == fallback) return &row;
  return nullptr;
}

}  // namespace dd::runtime
