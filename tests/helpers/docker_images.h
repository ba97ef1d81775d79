#pragma once
// Real images and containers for tests, built from Debian packages only (no
// registry is reachable). Images are cached in the engine; downloads are
// cached under ${XDG_CACHE_HOME:-~/.cache}/drydock-test.
//
//   if (!dd::test::engine_available()) GTEST_SKIP() << dd::test::engine_skip_reason();
//   dd::test::Container c("oom");
//   c.run({"--memory", "16m", dd::test::busybox_image(), "sh", "-c", "..."});
//   c.wait_exit();
#include <filesystem>
#include <string>
#include <vector>

#include "helpers.h"

namespace dd::test {

// True when the engine at /var/run/docker.sock (or $DOCKER_HOST) answers; if
// it does not, starts `dockerd --bridge=none --iptables=false` in the
// background and waits for it. Cached.
bool engine_available();
// Why engine_available() returned false, for GTEST_SKIP.
std::string engine_skip_reason();

// Runs the docker CLI (no shell).
RunResult docker(const std::vector<std::string>& args, const std::vector<std::string>& extra_env = {});
bool image_exists(const std::string& tag);

// drydock-test/busybox:latest: Debian's busybox-static with its applet
// symlinks, /tmp and a minimal /etc/passwd, imported with `docker import`.
// Empty when it cannot be built.
std::string busybox_image();
// drydock-test/debian:bookworm: debootstrap --variant=minbase from the
// mirror in /etc/apt/sources.list.d/debian.sources. Empty on failure.
std::string debian_image();
// `docker build` (classic builder) of `dir` as `tag`, with extra arguments
// such as {"--network", "host"}. Returns true on success.
bool docker_build(const std::filesystem::path& dir, const std::string& tag, const std::vector<std::string>& extra = {});
// Path of an arm64 busybox-static binary (apt-get download of
// busybox-static:arm64, extracted and cached). Empty when unavailable.
std::filesystem::path foreign_arch_busybox();
// drydock-test/busybox-arm64:latest: the arm64 busybox as /bin/sh in an
// image whose config declares architecture arm64 (docker load of a
// hand-written docker-save archive). Empty when unavailable.
std::string foreign_arch_image();
// The cache folder for downloads.
std::filesystem::path test_cache_dir();

// A container with a unique name, removed (docker rm -f) when the object
// dies, whatever happened in the test.
class Container {
 public:
  explicit Container(const std::string& purpose);
  ~Container();
  Container(const Container&) = delete;
  Container& operator=(const Container&) = delete;

  const std::string& name() const { return name_; }
  // docker run -d --name NAME ARGS...; returns the CLI's result (a failed
  // start still leaves a container to inspect).
  RunResult run(const std::vector<std::string>& args);
  // docker create --name NAME ARGS... then docker start.
  RunResult create_and_start(const std::vector<std::string>& args);
  // Blocks until the container stops (at most `seconds`); returns its exit code or -1.
  int wait_exit(int seconds = 60);
  // Polls State.Health.Status until it equals `status` (at most `seconds`).
  bool wait_health(const std::string& status, int seconds = 60);
  // docker inspect NAME, and docker logs NAME (stdout+stderr as docker prints them).
  std::string inspect_json();
  std::string logs();

 private:
  std::string name_;
};

}  // namespace dd::test
