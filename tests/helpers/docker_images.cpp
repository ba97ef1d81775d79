#include "docker_images.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <regex>
#include <thread>

namespace fs = std::filesystem;

namespace dd::test {
namespace {

std::string g_skip_reason;

// Serialises image builds across test processes.
class FileLock {
 public:
  explicit FileLock(const std::string& name) {
    fs::create_directories(test_cache_dir());
    fd_ = ::open((test_cache_dir() / (name + ".lock")).c_str(), O_CREAT | O_RDWR, 0644);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~FileLock() {
    if (fd_ >= 0) {
      ::flock(fd_, LOCK_UN);
      ::close(fd_);
    }
  }

 private:
  int fd_ = -1;
};

bool docker_answers() {
  auto r = run({"timeout", "10", "docker", "version", "--format", "{{.Server.Version}}"});
  return r.status == 0 && !r.out.empty();
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string debian_mirror() {
  std::ifstream in("/etc/apt/sources.list.d/debian.sources");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("URIs:", 0) == 0) {
      std::string uri = line.substr(5);
      while (!uri.empty() && uri.front() == ' ') uri.erase(uri.begin());
      auto sp = uri.find(' ');
      return uri.substr(0, sp);
    }
  return "http://deb.debian.org/debian";
}

}  // namespace

fs::path test_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  fs::path base = xdg && *xdg ? fs::path(xdg) : fs::path(home && *home ? home : "/tmp") / ".cache";
  return base / "drydock-test";
}

RunResult docker(const std::vector<std::string>& args, const std::vector<std::string>& extra_env) {
  std::vector<std::string> argv{"docker"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, extra_env);
}

bool engine_available() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    if (run({"sh", "-c", "command -v docker"}).status != 0) {
      g_skip_reason = "the docker CLI is not installed";
      return;
    }
    if (docker_answers()) {
      ok = true;
      return;
    }
    if (run({"sh", "-c", "command -v dockerd"}).status != 0) {
      g_skip_reason = "no Docker engine answers and dockerd is not installed";
      return;
    }
    // Start an engine in the background, detached from the test.
    run({"sh", "-c",
         "setsid nohup dockerd --bridge=none --iptables=false >/tmp/drydock-test-dockerd.log 2>&1 < /dev/null &"});
    for (int i = 0; i < 60 && !ok; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      ok = docker_answers();
    }
    if (!ok) g_skip_reason = "no Docker engine answers and dockerd could not be started (see /tmp/drydock-test-dockerd.log)";
  });
  return ok;
}

std::string engine_skip_reason() {
  return g_skip_reason.empty() ? "no Docker engine available" : g_skip_reason;
}

bool image_exists(const std::string& tag) { return docker({"image", "inspect", "--format", "{{.Id}}", tag}).status == 0; }

std::string busybox_image() {
  const std::string tag = "drydock-test/busybox:latest";
  if (!engine_available()) return "";
  FileLock lock("busybox-image");
  if (image_exists(tag)) return tag;
  fs::path bin = "/bin/busybox";
  if (run({"sh", "-c", "file -b /bin/busybox 2>/dev/null | grep -q 'statically linked'"}).status != 0) {
    // Not a static busybox on this host: fetch Debian's busybox-static.
    fs::path dir = test_cache_dir() / "busybox-static-amd64";
    bin = dir / "bin" / "busybox";
    if (!fs::exists(bin)) {
      fs::create_directories(dir);
      auto r = run({"sh", "-c",
                    "cd " + shell_quote(test_cache_dir().string()) +
                        " && apt-get download busybox-static >/dev/null 2>&1 && dpkg-deb -x busybox-static_*.deb " +
                        shell_quote(dir.string())});
      if (r.status != 0 || !fs::exists(bin)) return "";
    }
  }
  TempDir root;
  fs::create_directories(root.path() / "bin");
  fs::create_directories(root.path() / "etc");
  fs::create_directories(root.path() / "tmp");
  fs::permissions(root.path() / "tmp", fs::perms::all | fs::perms::sticky_bit);
  fs::copy_file(bin, root.path() / "bin" / "busybox");
  root.write("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
  root.write("etc/group", "root:x:0:\nnogroup:x:65534:\n");
  auto list = run({bin.string(), "--list"});
  if (list.status != 0) return "";
  size_t pos = 0;
  while (pos < list.out.size()) {
    size_t nl = list.out.find('\n', pos);
    std::string applet = list.out.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? list.out.size() : nl + 1;
    if (applet.empty() || applet == "busybox" || applet.find('/') != std::string::npos) continue;
    std::error_code ec;
    fs::create_symlink("busybox", root.path() / "bin" / applet, ec);
  }
  auto r = run({"sh", "-c",
                "tar -C " + shell_quote(root.path().string()) + " -c . | docker import -c 'CMD [\"/bin/sh\"]' " +
                    "-c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - " + tag +
                    " >/dev/null"});
  return r.status == 0 ? tag : "";
}

std::string debian_image() {
  const std::string tag = "drydock-test/debian:bookworm";
  if (!engine_available()) return "";
  FileLock lock("debian-image");
  if (image_exists(tag)) return tag;
  TempDir root;
  fs::path dir = root.path() / "rootfs";
  auto r = run({"debootstrap", "--variant=minbase", "bookworm", dir.string(), debian_mirror()});
  if (r.status != 0) return "";
  r = run({"sh", "-c",
           "tar -C " + shell_quote(dir.string()) + " -c . | docker import -c 'CMD [\"/bin/bash\"]' - " + tag +
               " >/dev/null"});
  return r.status == 0 ? tag : "";
}

bool docker_build(const fs::path& dir, const std::string& tag, const std::vector<std::string>& extra) {
  std::vector<std::string> args{"build", "-q", "-t", tag};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(dir.string());
  return docker(args, {"DOCKER_BUILDKIT=0"}).status == 0;
}

fs::path foreign_arch_busybox() {
  fs::path dir = test_cache_dir() / "busybox-static-arm64";
  fs::path bin = dir / "bin" / "busybox";
  FileLock lock("busybox-arm64");
  if (fs::exists(bin)) return bin;
  fs::create_directories(dir);
  std::string cache = shell_quote(test_cache_dir().string());
  std::string script = "cd " + cache +
                       " && (ls busybox-static_*_arm64.deb >/dev/null 2>&1 || apt-get download busybox-static:arm64 "
                       ">/dev/null 2>&1 || (dpkg --add-architecture arm64 && apt-get update -qq >/dev/null 2>&1 && "
                       "apt-get download busybox-static:arm64 >/dev/null 2>&1)) && dpkg-deb -x busybox-static_*_arm64.deb " +
                       shell_quote(dir.string());
  auto r = run({"sh", "-c", script});
  if (r.status != 0 || !fs::exists(bin)) return {};
  return bin;
}

std::string foreign_arch_image() {
  const std::string tag = "drydock-test/busybox-arm64:latest";
  if (!engine_available()) return "";
  fs::path bin = foreign_arch_busybox();
  if (bin.empty()) return "";
  FileLock lock("busybox-arm64-image");
  if (image_exists(tag)) return tag;
  TempDir work;
  fs::create_directories(work.path() / "root" / "bin");
  fs::copy_file(bin, work.path() / "root" / "bin" / "busybox");
  fs::create_symlink("busybox", work.path() / "root" / "bin" / "sh");
  std::string w = shell_quote(work.path().string());
  std::string script =
      "cd " + w + " && tar -C root -cf layer.tar . && D=$(sha256sum layer.tar | cut -d' ' -f1) && "
      "printf '{\"architecture\":\"arm64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/sh\"],"
      "\"Env\":[\"PATH=/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:%s\"]}}' $D > config.json && "
      "printf '[{\"Config\":\"config.json\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[\"layer.tar\"]}]' > manifest.json && "
      "tar -c manifest.json config.json layer.tar | docker load >/dev/null";
  auto r = run({"sh", "-c", script});
  return r.status == 0 ? tag : "";
}

Container::Container(const std::string& purpose) {
  static std::atomic<int> counter{0};
  name_ = "drydock-test-" + purpose + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  docker({"rm", "-f", name_});
}

Container::~Container() { docker({"rm", "-f", "-v", name_}); }

RunResult Container::run(const std::vector<std::string>& args) {
  std::vector<std::string> a{"run", "-d", "--name", name_};
  a.insert(a.end(), args.begin(), args.end());
  return docker(a);
}

RunResult Container::create_and_start(const std::vector<std::string>& args) {
  std::vector<std::string> a{"create", "--name", name_};
  a.insert(a.end(), args.begin(), args.end());
  auto r = docker(a);
  if (r.status != 0) return r;
  return docker({"start", name_});
}

int Container::wait_exit(int seconds) {
  auto r = dd::test::run({"timeout", std::to_string(seconds), "docker", "wait", name_});
  if (r.status != 0) return -1;
  return std::atoi(r.out.c_str());
}

bool Container::wait_health(const std::string& status, int seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    auto r = docker({"inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", name_});
    std::string s = r.out;
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    if (s == status) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return false;
}

std::string Container::inspect_json() { return docker({"inspect", name_}).out; }

std::string Container::logs() { return dd::test::run({"sh", "-c", "docker logs " + shell_quote(name_) + " 2>&1"}).out; }

}  // namespace dd::test
