#pragma once
// Shared by the read-only-root and mount rules: the paths a container's
// runtime writes, judged from its image and command, and what is mounted there.
#include "k8s/lint.h"

namespace dd::k8s {

struct WritePath {
  std::string path;    // absolute; "" when only known as "some writable mount" (npm cache with HOME unknown)
  std::string why;     // "nginx's proxy/client body cache"
  std::string volume;  // suggested emptyDir name
  std::string unknown = "$HOME/.npm";  // what to show when path is ""
  std::string mount_hint = "/home/app/.npm   # and set HOME=/home/app, or npm_config_cache";
};

inline std::string env_value(const Workload& w, const Container& c, std::string_view name) {
  for (const auto& e : env_seen(w, c))
    if (e.name == name) return e.value;
  return {};
}

inline std::vector<WritePath> write_paths(const Workload& w, const Container& c) {
  std::vector<WritePath> out;
  auto ref = kb::parse_image(c.image);
  std::string cmd = command_line(c);
  auto word = [&](std::string_view wd) {
    size_t p = 0;
    while ((p = cmd.find(wd, p)) != std::string::npos) {
      bool l = p == 0 || cmd[p - 1] == ' ' || cmd[p - 1] == '/';
      bool r = p + wd.size() == cmd.size() || cmd[p + wd.size()] == ' ';
      if (l && r) return true;
      ++p;
    }
    return false;
  };
  if (ref.name == "nginx-unprivileged") {
    out.push_back({"/tmp", "nginx-unprivileged's pid file and temp folders", "tmp"});
  } else if (ref.name == "nginx" && c.command.empty()) {
    out.push_back({"/var/cache/nginx", "nginx's client body and proxy temp folders", "nginx-cache"});
    out.push_back({"/var/run", "nginx's pid file (/var/run/nginx.pid)", "nginx-run"});
  }
  if (word("npm") || word("npx") || word("yarn")) {
    std::string cache = env_value(w, c, "npm_config_cache");
    if (cache.empty()) cache = env_value(w, c, "NPM_CONFIG_CACHE");
    std::string home = env_value(w, c, "HOME");
    if (!cache.empty() && cache.front() == '/') out.push_back({cache, "npm's cache (npm_config_cache)", "npm-cache"});
    else if (!home.empty() && home.front() == '/')
      out.push_back({(home.back() == '/' ? home : home + "/") + ".npm", "npm's cache ($HOME/.npm)", "npm-cache"});
    else out.push_back({"", "npm's cache ($HOME/.npm) and logs", "npm-cache"});
  }
  // pip install at start writes its download cache (not with --no-cache-dir
  // or PIP_NO_CACHE_DIR).
  if ((word("pip") || word("pip3")) && cmd.find(" install") != std::string::npos &&
      cmd.find("--no-cache-dir") == std::string::npos && env_value(w, c, "PIP_NO_CACHE_DIR").empty()) {
    std::string cache = env_value(w, c, "PIP_CACHE_DIR");
    std::string xdg = env_value(w, c, "XDG_CACHE_HOME");
    std::string home = env_value(w, c, "HOME");
    auto slash = [](std::string d) { return d.back() == '/' ? d : d + "/"; };
    if (!cache.empty() && cache.front() == '/') out.push_back({cache, "pip's cache (PIP_CACHE_DIR)", "pip-cache"});
    else if (!xdg.empty() && xdg.front() == '/')
      out.push_back({slash(xdg) + "pip", "pip's cache ($XDG_CACHE_HOME/pip)", "pip-cache"});
    else if (!home.empty() && home.front() == '/')
      out.push_back({slash(home) + ".cache/pip", "pip's cache ($HOME/.cache/pip)", "pip-cache"});
    else
      out.push_back({"", "pip's cache ($HOME/.cache/pip)", "pip-cache", "$HOME/.cache/pip",
                     "/home/app/.cache/pip   # and set HOME=/home/app, or PIP_CACHE_DIR; or pip install --no-cache-dir"});
  }
  auto rt = runtime_of(c);
  if (rt == Runtime::jvm) {
    bool tmpdir_set = false;
    for (const auto& e : env_seen(w, c)) tmpdir_set = tmpdir_set || e.value.find("-Djava.io.tmpdir=") != std::string::npos;
    if (!tmpdir_set && cmd.find("-Djava.io.tmpdir=") == std::string::npos)
      out.push_back({"/tmp", "the JVM's java.io.tmpdir (embedded Tomcat's work folder, hsperfdata)", "tmp"});
  }
  if (word("gunicorn") && cmd.find("--worker-tmp-dir") == std::string::npos)
    out.push_back({"/tmp", "gunicorn's worker heartbeat files", "tmp"});
  // The same path twice (JVM and gunicorn): keep the first.
  std::vector<WritePath> uniq;
  for (auto& p : out) {
    bool dup = false;
    for (const auto& u : uniq) dup = dup || (u.path == p.path && !p.path.empty());
    if (!dup) uniq.push_back(std::move(p));
  }
  return uniq;
}

// True when `mount` is `path` or one of its parents.
inline bool covers(const std::string& mount, const std::string& path) {
  if (mount.empty()) return false;
  std::string m = mount;
  while (m.size() > 1 && m.back() == '/') m.pop_back();
  if (m == "/") return true;
  if (path == m) return true;
  if (path.rfind(m + "/", 0) == 0) return true;
  // /var/run is a link to /run on Debian-based images.
  if (path.rfind("/var/run", 0) == 0 && (m == "/run" || path.substr(4).rfind(m + "/", 0) == 0 || path.substr(4) == m)) return true;
  return false;
}

// The deepest mount of the container covering `path`, or nullptr.
inline const VolumeMount* mount_for(const Container& c, const std::string& path) {
  const VolumeMount* best = nullptr;
  for (const auto& m : c.volume_mounts)
    if (covers(m.mount_path, path) && (!best || m.mount_path.size() > best->mount_path.size())) best = &m;
  return best;
}

inline bool writable_volume(const PodSpec& pod, const VolumeMount& m) {
  if (m.read_only) return false;
  const Volume* v = pod.volume(m.name);
  if (!v) return true;  // unknown: do not claim it is read-only
  return v->type != Volume::Type::config_map && v->type != Volume::Type::secret && v->type != Volume::Type::projected;
}

}  // namespace dd::k8s
