#include "helpers.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace fs = std::filesystem;

namespace dd::test {

fs::path source_dir() { return DRYDOCK_SOURCE_DIR; }
fs::path shared_dir() { return fs::weakly_canonical(fs::path(DRYDOCK_SHARED_DIR)); }
std::string drydock_binary() { return DRYDOCK_BINARY; }

RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env) {
  int out_pipe[2], err_pipe[2];
  // Close-on-exec: a background process the command starts (dockerd) must not
  // inherit the write ends, or the output never reaches end of file.
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err_pipe[1], 2);
  posix_spawn_file_actions_addclose(&fa, out_pipe[0]);
  posix_spawn_file_actions_addclose(&fa, err_pipe[0]);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_store;
  for (char** e = environ; *e; ++e) env_store.push_back(*e);
  for (const auto& e : extra_env) env_store.push_back(e);
  // Dated knowledge (end-of-life bases) is judged on one fixed day, the day
  // the fixtures (alpine:3.20, node:20) were current, so a verdict does not
  // change as the calendar moves. A test about dates sets DRYDOCK_TODAY itself.
  bool dated = false;
  for (const auto& e : env_store) dated = dated || e.rfind("DRYDOCK_TODAY=", 0) == 0;
  if (!dated) env_store.push_back("DRYDOCK_TODAY=2026-03-01");
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  close(out_pipe[1]);
  close(err_pipe[1]);
  RunResult r;
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    r.err = std::string("spawn failed: ") + std::strerror(rc);
    return r;
  }
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

RunResult drydock(const std::vector<std::string>& args, const std::vector<std::string>& extra_env) {
  std::vector<std::string> argv{drydock_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, extra_env);
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "drydock-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& rel, const std::string& content) const {
  fs::path p = path_ / rel;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  return p;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string sarif_schema() {
  std::string base;
  if (const char* x = getenv("XDG_CACHE_HOME"); x && *x) base = x;
  else base = std::string(getenv("HOME") ? getenv("HOME") : "/root") + "/.cache";
  std::string p = base + "/drydock-deps/sarif-2.1.0.json";
  return fs::exists(p) ? p : std::string();
}

RunResult validate_sarif(const std::string& sarif_text) {
  TempDir d;
  auto doc = d.write("out.sarif", sarif_text);
  return run({"/usr/bin/python3", "-c",
              "import json,sys,jsonschema\n"
              "s=json.load(open(sys.argv[1])); d=json.load(open(sys.argv[2]))\n"
              "jsonschema.Draft7Validator(s).validate(d); print('valid')\n",
              sarif_schema(), doc.string()});
}

}  // namespace dd::test
