// Fixes in a pod's words. See k8s_fix.h.
#include "runtime/k8s_fix.h"

#include <sstream>
#include <vector>

namespace dd::runtime {
namespace {

struct Collected {
  std::vector<std::pair<std::string, std::string>> env;
  std::vector<std::string> tmpfs;
  std::string memory, memory_request, cpus, user;
  std::vector<std::pair<std::string, std::string>> ports;  // host, container
  bool read_only = false, init = false, network = false;
  std::string env_file;
  bool any() const {
    return !env.empty() || !tmpfs.empty() || !memory.empty() || !memory_request.empty() || !cpus.empty() ||
           !user.empty() || !ports.empty() || read_only || init || !env_file.empty();
  }
};

// 1g -> 1Gi, 512m -> 512Mi (docker's binary units in Kubernetes' spelling).
std::string quantity(std::string q) {
  if (q.empty()) return q;
  char u = static_cast<char>(std::tolower(static_cast<unsigned char>(q.back())));
  std::string n = q.substr(0, q.size() - 1);
  if (u == 'k') return n + "Ki";
  if (u == 'm') return n + "Mi";
  if (u == 'g') return n + "Gi";
  if (u == 'b') return n;
  return q;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  char quote = 0;
  for (char c : s) {
    if (quote) {
      if (c == quote) quote = 0;
      else cur += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == ' ' || c == '\t') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Reads the flags of a `docker run` (or a bare `-e K=V`) into `c`.
void read_flags(const std::string& text, Collected& c) {
  auto w = words(text);
  for (size_t i = 0; i < w.size(); ++i) {
    const std::string& t = w[i];
    auto value = [&](const std::string& flag) -> std::string {
      if (t == flag && i + 1 < w.size()) return w[++i];
      if (t.rfind(flag + "=", 0) == 0) return t.substr(flag.size() + 1);
      return {};
    };
    std::string v;
    if (t == "-e" || t == "--env" || t.rfind("--env=", 0) == 0) {
      v = t == "-e" || t == "--env" ? (i + 1 < w.size() ? w[++i] : "") : t.substr(6);
      auto eq = v.find('=');
      if (eq != std::string::npos) c.env.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (!(v = value("--env-file")).empty()) {
      c.env_file = v;
    } else if (!(v = value("--memory-reservation")).empty()) {
      c.memory_request = quantity(v);
    } else if (!(v = value("--memory")).empty() || !(v = value("-m")).empty()) {
      c.memory = quantity(v);
    } else if (!(v = value("--cpus")).empty()) {
      c.cpus = v;
    } else if (!(v = value("--tmpfs")).empty()) {
      c.tmpfs.push_back(v.substr(0, v.find(':')));
    } else if (!(v = value("--user")).empty() || !(v = value("-u")).empty()) {
      c.user = v;
    } else if (!(v = value("-p")).empty() || !(v = value("--publish")).empty()) {
      auto colon = v.rfind(':');
      c.ports.emplace_back(colon == std::string::npos ? v : v.substr(0, colon),
                           colon == std::string::npos ? v : v.substr(colon + 1));
    } else if (t == "--read-only") {
      c.read_only = true;
    } else if (t == "--init") {
      c.init = true;
    } else if (t == "--network") {
      c.network = true;
      ++i;
    } else if (t == "--name" || t == "--entrypoint" || t == "--dns" || t == "--health-cmd") {
      ++i;  // and its value: nothing of it applies to a pod
    }
  }
}

std::string volume_name(const std::string& path) {
  std::string n;
  for (char ch : path) {
    char lc = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (std::isalnum(static_cast<unsigned char>(lc))) n += lc;
    else if (!n.empty() && n.back() != '-') n += '-';
  }
  while (!n.empty() && n.back() == '-') n.pop_back();
  if (n.size() > 50) n.resize(50);
  return n.empty() ? "writable" : n;
}

std::string yaml_quote(const std::string& v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string to_yaml(const Collected& c, const std::string& container) {
  std::string out = "# in container " + container + ":\n";
  if (!c.env.empty()) {
    out += "env:\n";
    for (const auto& [k, v] : c.env) out += "  - name: " + k + "\n    value: " + yaml_quote(v) + "\n";
  }
  if (!c.env_file.empty())
    out += "envFrom:\n  - configMapRef:\n      name: app-config   # kubectl create configmap app-config --from-env-file=" +
           c.env_file + "\n";
  if (!c.memory.empty() || !c.memory_request.empty() || !c.cpus.empty()) {
    out += "resources:\n";
    if (!c.memory_request.empty()) out += "  requests:\n    memory: " + c.memory_request + "\n";
    if (!c.memory.empty() || !c.cpus.empty()) {
      out += "  limits:\n";
      if (!c.memory.empty()) out += "    memory: " + c.memory + "\n";
      if (!c.cpus.empty()) out += "    cpu: " + yaml_quote(c.cpus) + "\n";
    }
  }
  if (c.read_only || !c.user.empty()) {
    out += "securityContext:\n";
    if (c.read_only) out += "  readOnlyRootFilesystem: true\n";
    if (!c.user.empty()) {
      std::string uid = c.user.substr(0, c.user.find(':'));
      out += "  runAsUser: " + uid + "\n";
      if (c.user.find(':') != std::string::npos) out += "  runAsGroup: " + c.user.substr(c.user.find(':') + 1) + "\n";
    }
  }
  if (!c.ports.empty()) {
    out += "ports:\n";
    for (const auto& [host, ctr] : c.ports)
      out += "  - containerPort: " + ctr + "   # and a Service with port: " + host + ", targetPort: " + ctr + "\n";
  }
  if (!c.tmpfs.empty()) {
    std::string mounts, vols;
    for (const auto& p : c.tmpfs) {
      std::string n = volume_name(p);
      mounts += "  - name: " + n + "\n    mountPath: " + p + "\n";
      vols += "  - name: " + n + "\n    emptyDir: {}\n";
    }
    out += "volumeMounts:\n" + mounts + "# in the pod spec:\nvolumes:\n" + vols;
  }
  if (c.init)
    out += "# no --init in Kubernetes: exec the server in PID 1, or ENTRYPOINT [\"tini\", \"--\"] in the image\n";
  return out;
}

}  // namespace

std::string kubernetes_fix(const std::string& fix, const std::string& container) {
  if (fix.find("docker run") == std::string::npos && fix.find("docker network") == std::string::npos &&
      fix.rfind("-e ", 0) == std::string::npos && fix.find("\n-e ") == std::string::npos)
    return fix;
  std::istringstream in(fix);
  std::string line, out, prose;
  Collected all;
  std::vector<std::string> comments;
  while (std::getline(in, line)) {
    size_t dr = line.find("docker run");
    bool flag_line = line.rfind("-e ", 0) == 0 || line.rfind("--", 0) == 0;
    if (line.find("docker network create") != std::string::npos) {
      // The pod reaches other services by their Service name: nothing to create.
      dr = line.find("docker run");
      if (dr == std::string::npos) continue;
    }
    if (dr == std::string::npos && !flag_line) {
      out += line + "\n";
      continue;
    }
    std::string before = dr == std::string::npos ? "" : line.substr(0, dr);
    std::string rest = dr == std::string::npos ? line : line.substr(dr + 10);
    std::string comment;
    if (auto hash = rest.find("   #"); hash != std::string::npos) {
      comment = rest.substr(hash + 4);
      rest = rest.substr(0, hash);
      while (!comment.empty() && comment.front() == ' ') comment.erase(comment.begin());
    }
    // "docker network create app && docker run ..." and "...: docker run".
    if (auto amp = before.find("docker network"); amp != std::string::npos) before = before.substr(0, amp);
    while (!before.empty() && (before.back() == ' ' || before.back() == ':')) before.pop_back();
    if (!before.empty() && before.front() == '#') before = before.substr(1);
    while (!before.empty() && before.front() == ' ') before.erase(before.begin());
    if (!before.empty()) prose += (prose.empty() ? "" : "; ") + before;
    read_flags(rest, all);
    if (!comment.empty()) comments.push_back(comment);
  }
  std::string head;
  if (!prose.empty()) head += "# " + prose + "\n";
  for (const auto& c : comments) head += "# " + c + "\n";
  std::string body = all.any() ? to_yaml(all, container) : "";
  if (!all.any() && all.network) {
    // Docker networks have no pod equivalent: every pod reaches a Service by name.
    comments.clear();
    head = prose.empty() ? "" : "# " + prose + "\n";
    body = "# in Kubernetes: address the dependency by its Service name (NAME or NAME.NAMESPACE.svc.cluster.local),\n"
           "# and check that the Service exists and selects ready pods: kubectl get endpoints NAME";
  }
  std::string result = head + body + out;
  while (!result.empty() && result.back() == '\n') result.pop_back();
  return result.empty() ? fix : result;
}

}  // namespace dd::runtime
