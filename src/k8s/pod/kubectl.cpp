// Gathering a pod's state through kubectl. See kubectl.h.
#include "k8s/pod/kubectl.h"

#include "core/error.h"
#include "core/subprocess.h"

namespace dd::k8s::pod {

Gathered gather_with_kubectl(const std::string& name, const std::string& ns, int tail) {
  if (!in_path("kubectl")) throw InputError("pod/" + name + ": kubectl is not on PATH; save `kubectl get pod " + name +
                                            " -o json` and give the file instead");
  std::vector<std::string> nsargs;
  if (!ns.empty()) nsargs = {"-n", ns};
  auto kubectl = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {"kubectl"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), nsargs.begin(), nsargs.end());
    return run_process(argv);
  };
  std::string where = "pod/" + name + (ns.empty() ? "" : " -n " + ns);
  auto got = kubectl({"get", "pod", name, "-o", "json"});
  if (got.status != 0 || got.out.empty())
    throw InputError(where + ": kubectl get pod failed (exit " + std::to_string(got.status) + ")");
  Input in = read_input_text(got.out, "kubectl get pod " + name);
  if (in.pods.size() != 1) throw InputError(where + ": kubectl get pod did not return one pod");
  Gathered g;
  g.pod = std::move(in.pods.front());
  g.pod.file.clear();
  // Every event about the pod, not only the latest.
  auto ev = kubectl({"get", "events", "--field-selector", "involvedObject.name=" + name, "-o", "json"});
  if (ev.status == 0 && !ev.out.empty()) {
    try {
      Input e = read_input_text(ev.out, "kubectl get events");
      std::vector<Pod> one;
      one.push_back(std::move(g.pod));
      attach_events(one, e.events);
      g.pod = std::move(one.front());
    } catch (const InputError&) {
      // No events is no failure.
    }
  }
  if (g.pod.events.empty()) {
    auto d = kubectl({"describe", "pod", name});
    if (d.status == 0 && !d.out.empty()) {
      auto pods = parse_describe(d.out, "kubectl describe pod " + name);
      if (!pods.empty()) merge_pod(g.pod, pods.front());
      for (auto& e : g.pod.events) e.file.clear(), e.line = 0;
    }
  }
  // Logs of each container: the previous run when it restarted, else the current one.
  for (const auto& c : g.pod.containers) {
    if (!c.has_status) continue;
    std::vector<std::string> args = {"logs", name, "-c", c.name, "--tail", std::to_string(tail > 0 ? tail : 200)};
    bool previous = c.last.state == "terminated";
    if (previous) args.push_back("--previous");
    auto l = kubectl(args);
    if ((l.status != 0 || l.out.empty()) && previous) {
      args.pop_back();
      l = kubectl(args);
    }
    if (l.status == 0 && !l.out.empty())
      g.logs.push_back({c.name, runtime::parse_log_text(l.out, "")});
  }
  return g;
}

}  // namespace dd::k8s::pod
