// Pod diagnosis. See diagnose_pod.h. The DD65xx rules register here; the
// engine rules (DD5xxx) judge each container through runtime::diagnose.
#include "k8s/pod/diagnose_pod.h"

#include <algorithm>
#include <regex>

#include "core/redact.h"
#include "core/registrar.h"
#include "core/registry.h"
#include "core/report.h"
#include "knowledge/image_ref.h"
#include "knowledge/quantity.h"
#include "runtime/diagnose.h"

namespace dd::k8s::pod {
namespace {

using Rules = Registrar<Domain::k8s>;
const std::vector<std::string> kTags = {"k8s"};

const RuleInfo& kCrashLoop = Rules::add(
    "DD6500", "pod-crash-loop-backoff", Category::crash_loop, Severity::error, "The container is in CrashLoopBackOff",
    "The kubelet restarts a container that keeps failing with a growing back-off; the cause is in the last "
    "terminated state and the previous run's logs.",
    "kubectl logs POD -c CONTAINER --previous", kTags);
const RuleInfo& kImagePull = Rules::add(
    "DD6501", "pod-image-pull-failed", Category::image_pull, Severity::error, "The image cannot be pulled",
    "ErrImagePull and ImagePullBackOff keep the pod from ever starting: the registry refused the credentials, the "
    "repository or tag does not exist, or the registry cannot be reached.",
    "imagePullSecrets:\n  - name: regcred", kTags);
const RuleInfo& kConfigRef = Rules::add(
    "DD6502", "pod-config-ref-missing", Category::config_missing, Severity::error,
    "A ConfigMap, Secret or key the container references does not exist",
    "CreateContainerConfigError: the kubelet will not create a container whose env or envFrom names a missing "
    "ConfigMap, Secret or key (unless it is optional).",
    "kubectl create configmap NAME --from-literal=KEY=VALUE", kTags);
const RuleInfo& kNonRoot = Rules::add(
    "DD6503", "pod-run-as-non-root-violated", Category::runs_as_root, Severity::error,
    "runAsNonRoot is set but the image runs as root",
    "The kubelet refuses to start a container whose image user is root (or a name it cannot verify) when the pod "
    "demands runAsNonRoot.",
    "securityContext:\n  runAsUser: 10001", kTags);
const RuleInfo& kStart = Rules::add(
    "DD6504", "pod-container-start-failed", Category::crash_loop, Severity::error, "The container runtime could not create or start the "
    "container",
    "CreateContainerError, RunContainerError and StartError mean the process never ran: the command, a mount or the "
    "runtime configuration is wrong.",
    "kubectl describe pod POD   # the message names the failing step", kTags);
const RuleInfo& kCompleted = Rules::add(
    "DD6505", "pod-completed-in-long-running-workload", Category::exits_immediately, Severity::error,
    "The container exits 0 in a workload that must keep running",
    "A Deployment, StatefulSet or DaemonSet restarts a container that completes: Completed, then CrashLoopBackOff.",
    "Run the server in the foreground as PID 1, or use a Job for a task that ends", kTags);
const RuleInfo& kEvicted = Rules::add(
    "DD6506", "pod-evicted", Category::oom_killed, Severity::error, "The pod was evicted by the kubelet",
    "Under node pressure the kubelet evicts pods that use more than they request, BestEffort and Burstable first.",
    "resources:\n  requests:\n    memory: 512Mi\n  limits:\n    memory: 512Mi   # requests = limits: Guaranteed QoS", kTags);
const RuleInfo& kScheduling = Rules::add(
    "DD6507", "pod-failed-scheduling", Category::best_practice, Severity::error, "The pod cannot be scheduled on any node",
    "FailedScheduling keeps the pod Pending: its requests fit no node, a taint is not tolerated, node affinity "
    "matches nothing, or a PersistentVolumeClaim is unbound.",
    "kubectl describe nodes   # compare Allocatable with the pod's requests", kTags);
const RuleInfo& kMount = Rules::add(
    "DD6508", "pod-failed-mount", Category::volume_permissions, Severity::error, "A volume cannot be mounted",
    "FailedMount keeps the pod in ContainerCreating: the ConfigMap, Secret or claim is missing or the volume cannot be "
    "attached.",
    "kubectl get events --field-selector reason=FailedMount", kTags);
const RuleInfo& kProbe = Rules::add(
    "DD6509", "pod-probe-failing", Category::no_healthcheck, Severity::error, "A liveness, readiness or startup probe fails",
    "A failing liveness or startup probe restarts the container; a failing readiness probe takes the pod out of its "
    "Service.",
    "kubectl exec POD -c CONTAINER -- wget -qO- http://127.0.0.1:PORT/PATH   # run the probe by hand", kTags);

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool has(const std::string& hay, const char* needle) { return hay.find(needle) != std::string::npos; }

std::string clip(const std::string& s, size_t n = 300) { return runtime::clip(s, n); }

struct Ctx {
  Pod& pod;
  std::vector<Finding> out;

  Finding at(const RuleInfo& r, const Container* c, const std::string& field) {
    Finding f;
    f.rule = r.id;
    f.location.resource = pod.resource();
    if (c) f.location.container = c->name;
    f.location.field = field;
    if (pod.from_describe) {
      const std::map<std::string, int>* maps[] = {c ? &c->lines : nullptr, &pod.lines};
      for (const std::map<std::string, int>* m : maps) {
        if (!m) continue;
        auto it = m->find(field);
        if (it == m->end()) continue;
        f.location.file = pod.file;
        f.location.line = it->second;
        break;
      }
    }
    f.tags = {"k8s"};
    return f;
  }
  Finding at_event(const RuleInfo& r, const Container* c, const Event& e) {
    Finding f = at(r, c, "");
    if (e.line > 0) {
      f.location.file = e.file;
      f.location.line = e.line;
      f.location.field = "Events";
    } else if (e.index >= 0) {
      f.location.file = e.file;
      f.location.field = "items[" + std::to_string(e.index) + "]";
    }
    return f;
  }
};

std::string event_text(const Event& e) {
  std::string s = e.type + " " + e.reason;
  if (e.count > 1) s += " (x" + std::to_string(e.count) + ")";
  return s + ": " + clip(e.message, 240);
}

bool about(const Event& e, const Container& c) {
  std::string ec = e.container();
  if (!ec.empty()) return ec == c.name;
  // Old events without a field path: the message names the container.
  return e.message.find("container " + c.name) != std::string::npos ||
         e.message.find("container \"" + c.name + "\"") != std::string::npos;
}

// ---- image pulls ----

void image_pull(Ctx& x, Container& c) {
  const std::string& reason = c.current.reason;
  bool waiting = c.current.state == "waiting" &&
                 (reason == "ErrImagePull" || reason == "ImagePullBackOff" || reason == "InvalidImageName" ||
                  reason == "ErrImageNeverPull" || reason == "RegistryUnavailable");
  std::vector<const Event*> evs;
  for (const auto& e : x.pod.events)
    if (about(e, c) && (e.reason == "Failed" || e.reason == "ErrImagePull" || e.reason == "InspectFailed" ||
                        e.reason == "ErrImageNeverPull") &&
        (has(e.message, "pull") || has(e.message, "image")))
      evs.push_back(&e);
  if (!waiting && evs.empty()) return;
  if (!waiting && c.current.state == "running") return;  // pulled in the end
  // The most telling text: the event's "Failed to pull image" message carries
  // the registry's answer; the waiting message of ImagePullBackOff only says
  // "Back-off pulling image".
  std::string text = c.current.message;
  const Event* best = nullptr;
  for (const Event* e : evs)
    if (!classify_pull_error(e->message).empty()) best = e;
  if (best) text = best->message;
  else if (!evs.empty() && text.empty()) text = evs.back()->message;
  std::string kind = reason == "InvalidImageName" ? "invalid-name" : classify_pull_error(text);
  if (kind.empty()) kind = classify_pull_error(c.current.message);
  auto ref = kb::parse_image(c.image);
  std::string repo = (ref.registry.empty() ? std::string("docker.io") : ref.registry) + "/" + ref.path;
  Finding f = best && !waiting ? x.at_event(kImagePull, &c, *best) : x.at(kImagePull, &c, c.current.path + ".reason");
  f.evidence = (waiting ? c.current.path + ".reason=" + reason : std::string()) +
               (best ? std::string(waiting ? "; " : "") + "event " + event_text(*best)
                     : (c.current.message.empty() ? "" : "; " + c.current.path + ".message=" + clip(c.current.message)));
  std::string what;
  if (kind == "auth") {
    what = "the registry refused the pull: the repository is private and the pod has no working imagePullSecrets "
           "(or the repository does not exist)";
    f.root_cause = "The registry answered with an authorization error for " + repo +
                   "; Docker Hub and most registries answer the same for a private and for a missing repository.";
    f.fix = "kubectl create secret docker-registry regcred --docker-server=" +
            (ref.registry.empty() ? std::string("https://index.docker.io/v1/") : ref.registry) +
            " --docker-username=USER --docker-password=TOKEN -n " + x.pod.namespace_ +
            "\n# pod spec:\nimagePullSecrets:\n  - name: regcred";
  } else if (kind == "bad-tag") {
    what = "the tag " + (ref.tag.empty() ? (ref.digest.empty() ? std::string("latest") : ref.digest) : ref.tag) +
           " does not exist in " + repo;
    f.root_cause = "The repository answered, but it holds no manifest for the requested tag or digest.";
    f.fix = "skopeo list-tags docker://" + repo + "   # then set image: " + repo + ":<an existing tag>";
  } else if (kind == "not-found") {
    what = "the repository " + repo + " does not exist";
    f.root_cause = "The registry does not know the repository name: a typo in the image name or the wrong registry.";
    f.fix = "skopeo inspect docker://" + repo + "   # fix the image name in " + c.spec_path + ".image";
  } else if (kind == "registry-unreachable") {
    what = "the registry " + (ref.registry.empty() ? std::string("docker.io") : ref.registry) +
           " cannot be reached from the node";
    f.root_cause = "The node could not resolve or connect to the registry host (DNS, proxy, firewall or a typo in the "
                   "registry name).";
    f.fix = "# on the node: crictl pull " + c.image + "\n# check the registry host name in " + c.spec_path + ".image";
    f.tags.push_back("network");
  } else if (kind == "invalid-name") {
    what = "the image reference \"" + c.image + "\" is not valid";
    f.root_cause = "The reference does not follow [registry/]repository[:tag][@digest] (upper case, spaces or an "
                   "empty tag).";
    f.fix = "image: " + (ref.path.empty() ? std::string("registry.example.com/app") : repo) + ":1.0.0";
  } else {
    what = "the pull failed";
    f.root_cause = "The kubelet could not pull the image; the message does not say why.";
    f.fix = "kubectl get events -n " + x.pod.namespace_ + " --field-selector involvedObject.name=" + x.pod.name;
  }
  if (!kind.empty()) f.tags.push_back("pull:" + kind);
  f.message = "container " + c.name + " cannot start: " + what + (reason.empty() ? "" : " (" + reason + ")");
  x.out.push_back(std::move(f));
}

// ---- CreateContainerConfigError ----

const EnvRef* find_ref(const Container& c, const std::string& kind, const std::string& object, const std::string& key) {
  for (const auto& r : c.refs)
    if (r.kind == kind && r.object == object && (key.empty() || r.key == key)) return &r;
  if (key.empty()) return nullptr;
  // envFrom cannot miss a key; a keyed ref to another object with that key is no match.
  return nullptr;
}

void config_error(Ctx& x, Container& c) {
  if (c.current.state != "waiting" || c.current.reason != "CreateContainerConfigError") return;
  const std::string& msg = c.current.message;
  static const std::regex missing_obj(R"re((configmap|secret) "([^"]+)" not found)re");
  static const std::regex missing_key(R"(couldn't find key (\S+) in (ConfigMap|Secret) ([^/\s]+)/(\S+))");
  std::smatch m;
  std::string base_ev = c.current.path + ".reason=CreateContainerConfigError, " + c.current.path + ".message=" + clip(msg);
  if (has(msg, "runAsNonRoot")) {
    Finding f = x.at(kNonRoot, &c, c.current.path + ".message");
    f.evidence = base_ev;
    f.message = "container " + c.name + " is not started: " + clip(msg, 200);
    f.root_cause = has(msg, "non-numeric")
                       ? "The image's USER is a name; the kubelet cannot prove it is not root without a numeric UID."
                       : "The image runs as root and the pod's securityContext demands runAsNonRoot.";
    f.fix = c.spec_path + ".securityContext:\n  runAsUser: 10001\n  runAsNonRoot: true\n# or in the Dockerfile: USER 10001";
    x.out.push_back(std::move(f));
    return;
  }
  std::string kind, object, key;
  if (std::regex_search(msg, m, missing_key)) {
    key = m[1].str();
    kind = m[2].str() == "Secret" ? "secret" : "configMap";
    object = m[4].str();
  } else if (std::regex_search(msg, m, missing_obj)) {
    kind = m[1].str() == "secret" ? "secret" : "configMap";
    object = m[2].str();
  }
  const EnvRef* ref = kind.empty() ? nullptr : find_ref(c, kind, object, key);
  if (!ref && !kind.empty() && key.empty())
    for (const auto& r : c.refs)
      if (r.kind == kind && r.object == object) ref = &r;
  std::string field = ref ? ref->field : c.current.path + ".message";
  Finding f = x.at(kConfigRef, &c, field);
  if (ref && f.location.line == 0 && x.pod.from_describe)
    for (const auto& [path, line] : c.lines)
      if (ref->field.rfind(path, 0) == 0) {
        f.location.file = x.pod.file;
        f.location.line = line;
      }
  std::string kind_name = kind == "secret" ? "Secret" : "ConfigMap";
  f.evidence = base_ev + (ref ? "; referenced by " + ref->field + (ref->var.empty() ? "" : " (" + ref->var + ")") : "");
  if (kind.empty()) {
    f.message = "container " + c.name + " is not created: " + clip(msg, 200);
    f.root_cause = "The kubelet could not build the container's configuration from the pod spec.";
    f.fix = "kubectl describe pod " + x.pod.name + " -n " + x.pod.namespace_;
  } else if (!key.empty()) {
    f.message = "container " + c.name + " is not created: " + kind_name + " " + x.pod.namespace_ + "/" + object +
                " has no key " + key + (ref ? ", which " + ref->field + " reads" : "") +
                (ref && !ref->var.empty() ? " into " + ref->var : "");
    f.root_cause = "The " + kind_name + " exists but lacks the key, and the reference is not optional.";
    f.fix = kind == "secret" ? "kubectl patch secret " + object + " -n " + x.pod.namespace_ +
                                   " --type merge -p '{\"stringData\":{\"" + key + "\":\"VALUE\"}}'"
                             : "kubectl patch configmap " + object + " -n " + x.pod.namespace_ +
                                   " --type merge -p '{\"data\":{\"" + key + "\":\"VALUE\"}}'";
    f.fix += "\n# or, when the app can do without it:\n" + (ref ? ref->field : std::string("valueFrom.configMapKeyRef")) +
             ".optional: true";
  } else {
    f.message = "container " + c.name + " is not created: " + kind_name + " " + x.pod.namespace_ + "/" + object +
                " does not exist" + (ref ? " (" + ref->field + (ref->var.empty() ? "" : ", " + ref->var) + ")" : "");
    f.root_cause = "The pod references a " + kind_name + " that was never created in namespace " + x.pod.namespace_ +
                   " (another namespace, a typo, or not applied yet).";
    f.fix = kind == "secret"
                ? "kubectl create secret generic " + object + " -n " + x.pod.namespace_ + " --from-literal=KEY=VALUE"
                : "kubectl create configmap " + object + " -n " + x.pod.namespace_ + " --from-literal=KEY=VALUE";
  }
  f.tags.push_back("env");
  x.out.push_back(std::move(f));
}

// ---- start errors ----

void start_error(Ctx& x, Container& c, bool explained) {
  const ContainerStatusInfo* s = nullptr;
  for (const ContainerStatusInfo* k : {&c.current, &c.last})
    if ((k->state == "waiting" && (k->reason == "CreateContainerError" || k->reason == "RunContainerError")) ||
        (k->state == "terminated" && (k->reason == "StartError" || k->reason == "ContainerCannotRun"))) {
      s = k;
      break;
    }
  if (!s || explained) return;
  Finding f = x.at(kStart, &c, s->path + ".message");
  f.evidence = s->path + ".reason=" + s->reason + (s->message.empty() ? "" : ", " + s->path + ".message=" + clip(s->message));
  std::string m = lower(s->message);
  f.message = "container " + c.name + " never ran: " + s->reason + (s->message.empty() ? "" : ": " + clip(s->message, 200));
  if (has(m, "exec format error")) {
    f.category = Category::arch_mismatch;
    f.root_cause = "The command is a binary for another CPU architecture than the node's.";
    f.fix = "docker buildx build --platform linux/amd64,linux/arm64 -t " + c.image + " --push .";
  } else if (has(m, "executable file not found") || has(m, "no such file or directory")) {
    f.category = Category::missing_dependency;
    f.root_cause = "The command in " + c.spec_path + ".command (or the image's ENTRYPOINT) does not exist in the image.";
    f.fix = c.spec_path + ".command: [\"/path/that/exists\"]   # kubectl debug -it " + x.pod.name +
            " --image=busybox --target=" + c.name + " -- ls -l /";
  } else if (has(m, "permission denied")) {
    f.category = Category::volume_permissions;
    f.root_cause = "The command is not executable by the container's user, or sits on a noexec mount.";
    f.fix = "RUN chmod 0755 /entrypoint.sh   # or COPY --chmod=0755";
  } else {
    f.root_cause = "The container runtime failed before the process started; its message names the step.";
    f.fix = "kubectl describe pod " + x.pod.name + " -n " + x.pod.namespace_;
  }
  x.out.push_back(std::move(f));
}

bool long_running_owner(const Pod& p) {
  static const char* kinds[] = {"ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "ReplicationController"};
  for (const char* k : kinds)
    if (p.owner_kind == k) return true;
  return false;
}

void completed(Ctx& x, Container& c) {
  if (c.init || !long_running_owner(x.pod)) return;
  const ContainerStatusInfo* s = nullptr;
  for (const ContainerStatusInfo* k : {&c.current, &c.last})
    if (k->state == "terminated" && k->reason == "Completed" && k->exit_code.value_or(-1) == 0) {
      s = k;
      break;
    }
  if (!s) return;
  Finding f = x.at(kCompleted, &c, s->path + ".reason");
  f.evidence = s->path + ".reason=Completed, " + s->path + ".exitCode=0, ownerReferences: " + x.pod.owner_kind + "/" +
               x.pod.owner_name + ", " + c.status_path + ".restartCount=" + std::to_string(c.restart_count);
  std::string up;
  if (auto a = runtime::parse_time(s->started_at), b = runtime::parse_time(s->finished_at); a && b && *b >= *a)
    up = " after " + std::to_string(static_cast<long long>(*b - *a)) + "s";
  f.message = "container " + c.name + " exited 0" + up + " but " + x.pod.owner_kind + "/" + x.pod.owner_name +
              " expects it to keep running; the kubelet restarts it" +
              (c.restart_count ? " (" + std::to_string(c.restart_count) + " restarts)" : "");
  std::string cmd = c.state.command_line();
  f.root_cause = "The main process finished or went to the background (a daemonizing server, a one-shot script)" +
                 (cmd.empty() ? std::string() : "; command: " + clip(cmd, 120)) + ".";
  f.fix = "Run the server in the foreground as PID 1 (nginx -g 'daemon off;', gunicorn without --daemon); "
          "for a task that ends, use a Job:\napiVersion: batch/v1\nkind: Job";
  x.out.push_back(std::move(f));
}

void evicted(Ctx& x) {
  const Event* ev = nullptr;
  for (const auto& e : x.pod.events)
    if (e.reason == "Evicted") ev = &e;
  if (x.pod.reason != "Evicted" && !ev) return;
  std::string msg = x.pod.reason == "Evicted" && !x.pod.message.empty() ? x.pod.message : ev ? ev->message : "";
  Finding f = x.pod.reason == "Evicted" ? x.at(kEvicted, nullptr, "status.reason") : x.at_event(kEvicted, nullptr, *ev);
  f.evidence = (x.pod.reason == "Evicted" ? "status.reason=Evicted, status.message=" + clip(msg) : "event " + event_text(*ev));
  std::string m = lower(msg);
  static const std::regex resource_re(R"(low on resource: ([a-z.-]+))");
  std::smatch sm;
  std::string res = std::regex_search(m, sm, resource_re) ? sm[1].str() : "";
  while (!res.empty() && res.back() == '.') res.pop_back();
  f.message = "pod " + x.pod.name + " was evicted" + (res.empty() ? "" : ": the node ran low on " + res);
  // Which container used more than it asked for, when the message says.
  static const std::regex usage_re(R"(container (\S+) was using (\S+), request is ([^,\s]+))", std::regex::icase);
  std::string usage;
  for (auto it = std::sregex_iterator(msg.begin(), msg.end(), usage_re); it != std::sregex_iterator(); ++it)
    usage += (usage.empty() ? "" : ", ") + (*it)[1].str() + " used " + (*it)[2].str() + " (request " + (*it)[3].str() + ")";
  if (!usage.empty()) f.message += "; " + usage;
  if (res == "memory") {
    f.root_cause = "The node ran out of memory and the kubelet evicted pods using more than their requests; a pod whose "
                   "memory request is below its real use is evicted first.";
  } else if (res == "ephemeral-storage") {
    f.category = Category::best_practice;
    f.tags.push_back("disk");
    f.root_cause = "The node ran out of disk: the pod's logs, emptyDir or writable layer grew past what the node keeps free.";
    f.fix = "resources:\n  requests:\n    ephemeral-storage: 1Gi\n  limits:\n    ephemeral-storage: 2Gi";
  } else {
    f.category = Category::best_practice;
    f.root_cause = "The kubelet evicted the pod under node pressure.";
    f.fix = "kubectl describe node " + (x.pod.node.empty() ? std::string("NODE") : x.pod.node);
  }
  x.out.push_back(std::move(f));
}

void scheduling(Ctx& x) {
  const Event* ev = nullptr;
  for (const auto& e : x.pod.events)
    if (e.reason == "FailedScheduling") ev = &e;  // the latest
  const Condition* cond = nullptr;
  for (const auto& c : x.pod.conditions)
    if (c.type == "PodScheduled" && c.status == "False") cond = &c;
  if (!ev && !(cond && !cond->message.empty())) return;
  // A pod that was scheduled in the end is not stuck.
  for (const auto& e : x.pod.events)
    if (e.reason == "Scheduled" && ev && e.index > ev->index && e.line > ev->line) return;
  std::string msg = ev ? ev->message : cond->message;
  Finding f = ev ? x.at_event(kScheduling, nullptr, *ev) : x.at(kScheduling, nullptr, "status.conditions[PodScheduled]");
  f.evidence = ev ? "event " + event_text(*ev) : "status.conditions PodScheduled=False: " + clip(msg);
  std::vector<std::string> reasons;
  std::string fix;
  std::string m = msg;
  auto add = [&](const std::string& r, const std::string& tag, const std::string& fx) {
    reasons.push_back(r);
    f.tags.push_back("scheduling:" + tag);
    if (!fx.empty()) fix += (fix.empty() ? "" : "\n") + fx;
  };
  static const std::regex insufficient(R"((\d+) Insufficient ([a-zA-Z./-]+))");
  std::string requests;
  for (const auto& c : x.pod.containers) {
    if (!c.memory_request_text.empty()) requests += (requests.empty() ? "" : ", ") + c.name + " memory " + c.memory_request_text;
    if (!c.cpu_request_text.empty()) requests += (requests.empty() ? "" : ", ") + c.name + " cpu " + c.cpu_request_text;
  }
  for (auto it = std::sregex_iterator(m.begin(), m.end(), insufficient); it != std::sregex_iterator(); ++it) {
    std::string res = (*it)[2].str();
    while (!res.empty() && res.back() == '.') res.pop_back();
    add((*it)[1].str() + " node(s) lack the " + res + " it requests" + (requests.empty() ? "" : " (" + requests + ")"),
        "insufficient-" + res,
        "resources:\n  requests:\n    " + res + ": <less than the largest node's allocatable>   # kubectl describe nodes");
  }
  if (has(m, "untolerated taint") || has(m, "had taint") || has(m, "taint {")) {
    static const std::regex taint(R"(taint \{([^:}]+):\s*([^}]*)\})");
    std::smatch t;
    std::string key = std::regex_search(m, t, taint) ? t[1].str() : "KEY";
    add("node(s) have a taint the pod does not tolerate (" + key + ")", "taint",
        "tolerations:\n  - key: " + key + "\n    operator: Exists\n    effect: NoSchedule");
  }
  if (has(m, "node affinity/selector") || has(m, "node(s) didn't match node selector") || has(m, "didn't match Pod's node affinity"))
    add("no node matches the pod's nodeSelector or node affinity", "node-affinity",
        "kubectl get nodes --show-labels   # fix spec.nodeSelector / spec.affinity.nodeAffinity");
  if (has(m, "unbound immediate PersistentVolumeClaims") || has(m, "unbound PersistentVolumeClaims") ||
      has(m, "persistentvolumeclaim") || has(m, "PersistentVolumeClaim"))
    add("a PersistentVolumeClaim it mounts is not bound to a volume", "pvc-unbound",
        "kubectl get pvc -n " + x.pod.namespace_ + "   # a StorageClass that provisions, or a matching PersistentVolume");
  if (has(m, "volume node affinity conflict"))
    add("its volume lives in a zone where no node fits", "volume-zone", "");
  if (has(m, "Too many pods")) add("node(s) are at their pod limit", "too-many-pods", "");
  if (has(m, "didn't have free ports")) add("node(s) have the requested hostPort in use", "host-port", "");
  if (has(m, "didn't match pod anti-affinity") || has(m, "didn't match pod affinity"))
    add("pod (anti-)affinity rules exclude every node", "pod-affinity", "");
  std::string list;
  for (const auto& r : reasons) list += (list.empty() ? "" : "; ") + r;
  f.message = "pod " + x.pod.name + " cannot be scheduled" + (list.empty() ? ": " + clip(msg, 200) : ": " + list);
  f.root_cause = "The scheduler found no node that satisfies the pod" + (list.empty() ? "." : ": " + list + ".");
  f.fix = fix.empty() ? "kubectl describe nodes" : fix;
  x.out.push_back(std::move(f));
}

void mount(Ctx& x) {
  // One finding per volume (the latest event about it).
  std::vector<const Event*> latest;
  static const std::regex vol_re(R"re(for volume "([^"]+)")re");
  for (const auto& e : x.pod.events) {
    if (e.reason != "FailedMount" && e.reason != "FailedAttachVolume") continue;
    std::smatch m;
    std::string v = std::regex_search(e.message, m, vol_re) ? m[1].str() : "";
    bool replaced = false;
    for (auto& l : latest) {
      std::smatch lm;
      std::string lv = std::regex_search(l->message, lm, vol_re) ? lm[1].str() : "";
      if (lv == v) {
        l = &e;
        replaced = true;
      }
    }
    if (!replaced) latest.push_back(&e);
  }
  // Mounted in the end: containers run.
  for (const auto& c : x.pod.containers)
    if (c.current.state == "running") return;
  for (const Event* e : latest) {
    Finding f = x.at_event(kMount, nullptr, *e);
    f.evidence = "event " + event_text(*e);
    std::smatch m;
    std::string vol = std::regex_search(e->message, m, vol_re) ? m[1].str() : "";
    static const std::regex missing(R"re((configmap|secret) "([^"]+)" not found)re");
    std::smatch mm;
    const Volume* v = nullptr;
    for (const auto& k : x.pod.volumes)
      if (k.name == vol) v = &k;
    if (std::regex_search(e->message, mm, missing)) {
      f.category = Category::config_missing;
      std::string kind = mm[1].str() == "secret" ? "Secret" : "ConfigMap";
      f.message = "volume " + vol + " cannot be mounted: " + kind + " " + x.pod.namespace_ + "/" + mm[2].str() +
                  " does not exist" + (v ? " (" + v->field + ")" : "");
      f.root_cause = "The pod mounts a " + kind + " that was never created in its namespace; the pod stays in "
                     "ContainerCreating.";
      f.fix = (kind == "Secret" ? "kubectl create secret generic " : "kubectl create configmap ") + mm[2].str() + " -n " +
              x.pod.namespace_ + " --from-file=FILE\n# or mark it optional: " +
              (v ? v->field : std::string("spec.volumes[].configMap")) + ".optional: true";
    } else if (has(e->message, "persistentvolumeclaim") || has(e->message, "PersistentVolumeClaim")) {
      f.message = "volume " + vol + " cannot be mounted: " + clip(e->message, 200);
      f.root_cause = "The claim is missing, unbound, or bound to a volume another node holds.";
      f.fix = "kubectl get pvc -n " + x.pod.namespace_;
    } else {
      f.message = "volume " + (vol.empty() ? std::string("?") : vol) + " cannot be mounted: " + clip(e->message, 200);
      f.root_cause = "The kubelet could not set the volume up for the pod; the pod stays in ContainerCreating.";
      f.fix = "kubectl get events -n " + x.pod.namespace_ + " --field-selector involvedObject.name=" + x.pod.name +
              ",reason=FailedMount";
    }
    f.tags.push_back("mount");
    x.out.push_back(std::move(f));
  }
}

void probes(Ctx& x, Container& c) {
  struct Agg {
    const Event* last = nullptr;
    int count = 0;
  };
  std::map<std::string, Agg> by_kind;  // Liveness, Readiness, Startup
  static const std::regex re(R"(^(Liveness|Readiness|Startup) probe (?:failed|errored))");
  for (const auto& e : x.pod.events) {
    if (e.reason != "Unhealthy" || !about(e, c)) continue;
    std::smatch m;
    if (!std::regex_search(e.message, m, re)) continue;
    auto& a = by_kind[m[1].str()];
    a.last = &e;
    a.count += e.count;
  }
  for (const auto& [kind, a] : by_kind) {
    std::string k = lower(kind);
    const Probe* p = nullptr;
    for (const auto& pr : c.probes)
      if (pr.kind == k) p = &pr;
    Finding f = x.at_event(kProbe, &c, *a.last);
    f.severity = k == "readiness" ? Severity::warning : Severity::error;
    f.evidence = "event " + event_text(*a.last) + (a.count > a.last->count ? "; " + std::to_string(a.count) + " failures in all" : "") +
                 (p ? "; " + p->field + ": " + p->text : "");
    std::string m = lower(a.last->message);
    f.message = k + " probe of container " + c.name + " failed " + std::to_string(a.count) + " time" +
                (a.count == 1 ? "" : "s") + ": " + clip(a.last->message.substr(std::min(a.last->message.size(), a.last->message.find(':') + 2)), 160);
    // Is the probe's port one the container declares?
    bool port_declared = true;
    if (p && !p->port.empty() && std::all_of(p->port.begin(), p->port.end(), ::isdigit) && !c.ports.empty()) {
      port_declared = false;
      for (const auto& cp : c.ports)
        if (cp.substr(0, cp.find('/')) == p->port) port_declared = true;
    }
    std::string ports;
    for (const auto& cp : c.ports) ports += (ports.empty() ? "" : ", ") + cp;
    if (!port_declared) {
      f.root_cause = "The probe targets port " + p->port + " but the container declares " + ports +
                     ": nothing answers on the probe's port.";
      f.fix = p->field + ":\n  httpGet:\n    port: " + ports.substr(0, ports.find('/'));
    } else if (has(m, "connection refused")) {
      f.root_cause = "Nothing listens on the probe's port yet: the app is still starting, crashed, or listens on "
                     "127.0.0.1 or another port.";
      f.fix = (p && p->initial_delay < 30 && k == "liveness"
                   ? c.spec_path + ".startupProbe:   # give a slow start time before liveness counts\n  " +
                         (p->handler == "http-get" ? "httpGet:\n    path: " + (p->path.empty() ? "/" : p->path) +
                                                          "\n    port: " + p->port
                                                    : std::string("tcpSocket:\n    port: ") + p->port) +
                         "\n  failureThreshold: 30\n  periodSeconds: 10"
                   : "# make the app listen on 0.0.0.0:" + (p ? p->port : std::string("PORT")));
    } else if (has(m, "timeout") || has(m, "deadline exceeded")) {
      f.root_cause = "The endpoint answers slower than the probe's timeout" +
                     (p ? " (" + std::to_string(p->timeout) + "s)" : std::string()) +
                     ": the app is overloaded, throttled, or the check does real work.";
      f.fix = (p ? p->field : c.spec_path + ".livenessProbe") + ".timeoutSeconds: 5   # and keep the health endpoint cheap";
    } else if (has(m, "statuscode") || has(m, "status code")) {
      f.root_cause = "The endpoint answers with an error status: the app reports itself unhealthy or the path is wrong.";
      f.fix = "kubectl exec " + x.pod.name + " -c " + c.name + " -- wget -qO- http://127.0.0.1:" +
              (p ? p->port : std::string("PORT")) + (p ? p->path : std::string("/"));
    } else {
      f.root_cause = "The probe's check keeps failing.";
      f.fix = kProbe.fix;
    }
    if (k != "readiness") f.root_cause += " Each failed " + k + " probe run ends in a restart.";
    f.tags.push_back("probe:" + k);
    x.out.push_back(std::move(f));
  }
}

void crash_loop(Ctx& x, Container& c, bool explained) {
  bool backoff = c.current.state == "waiting" && c.current.reason == "CrashLoopBackOff";
  if (!backoff && c.restart_count < 3) return;
  Finding f = x.at(kCrashLoop, &c, backoff ? c.current.path + ".reason" : c.status_path + ".restartCount");
  f.severity = explained ? Severity::warning : Severity::error;
  std::string last;
  if (c.last.state == "terminated")
    last = c.last.path + ".reason=" + (c.last.reason.empty() ? "\"\"" : c.last.reason) + ", " + c.last.path +
           ".exitCode=" + (c.last.exit_code ? std::to_string(*c.last.exit_code) : "?");
  const Event* bo = nullptr;
  for (const auto& e : x.pod.events)
    if (e.reason == "BackOff" && about(e, c) && has(e.message, "restarting")) bo = &e;
  f.evidence = (backoff ? c.current.path + ".reason=CrashLoopBackOff, " : std::string()) + c.status_path +
               ".restartCount=" + std::to_string(c.restart_count) + (last.empty() ? "" : ", " + last) +
               (bo ? "; event " + event_text(*bo) : "");
  f.message = "container " + c.name + (backoff ? " is in CrashLoopBackOff" : " keeps restarting") + " (" +
              std::to_string(c.restart_count) + " restarts)";
  if (c.last.state == "terminated")
    f.message += "; its last run ended " + (c.last.reason.empty() ? std::string("") : c.last.reason + ", ") + "exit " +
                 (c.last.exit_code ? std::to_string(*c.last.exit_code) : "?");
  f.root_cause = explained ? "Each run fails for the reason the findings beside this one name; the kubelet restarts it "
                             "with a growing back-off."
                           : "Each run fails and the kubelet restarts it with a growing back-off; the previous run's "
                             "logs say why.";
  f.fix = "kubectl logs " + x.pod.name + " -n " + x.pod.namespace_ + " -c " + c.name + " --previous";
  x.out.push_back(std::move(f));
}

// The engine rules' docker-flavoured fixes, as the pod spec says them.
void k8s_fix(Finding& f, const Container& c) {
  if (f.rule == "DD5006") {
    int64_t lim = c.state.memory_limit;
    f.fix = c.spec_path + ".resources:\n  requests:\n    memory: " + (lim ? kb::format_memory(lim * 2, true) : std::string("512Mi")) +
            "\n  limits:\n    memory: " + (lim ? kb::format_memory(lim * 2, true) : std::string("512Mi")) +
            "   # above the peak (kubectl top pod), and bind the runtime's heap to it";
  } else if (f.rule == "DD5202") {
    bool node = std::find(f.tags.begin(), f.tags.end(), "node") != f.tags.end();
    int64_t mib = c.state.memory_limit * 3 / 4 / (1024 * 1024);
    f.fix = node ? c.spec_path + ".env:\n  - name: NODE_OPTIONS\n    value: --max-old-space-size=" + std::to_string(mib) +
                       "   # 75% of the " + c.memory_limit_text + " limit"
                 : c.spec_path + ".env:\n  - name: JAVA_TOOL_OPTIONS\n    value: -XX:MaxRAMPercentage=75.0   # and drop "
                                 "-Xmx: the heap follows the " + c.memory_limit_text + " limit";
  } else if (f.rule == "DD5002" || f.rule == "DD5007" || f.rule == "DD5008") {
    if (f.fix.rfind("docker ", 0) == 0) f.fix = "kubectl logs POD -c " + c.name + " --previous";
  }
}

}  // namespace

std::string classify_pull_error(const std::string& message) {
  std::string m = lower(message);
  if (m.empty()) return {};
  if (has(m, "invalidimagename") || has(m, "invalid reference format")) return "invalid-name";
  if (has(m, "no such host") || has(m, "i/o timeout") || has(m, "connection refused") ||
      has(m, "tls handshake timeout") || has(m, "network is unreachable") || has(m, "x509:") ||
      has(m, "server misbehaving"))
    return "registry-unreachable";
  if (has(m, "unauthorized") || has(m, "authentication required") || has(m, "pull access denied") ||
      has(m, "no basic auth credentials") || has(m, "403 forbidden") || has(m, "401") || has(m, "denied:") ||
      has(m, "insufficient_scope") || has(m, "requested access to the resource is denied"))
    return "auth";
  if (has(m, "name unknown") || has(m, "repository does not exist") || has(m, "repository name not known"))
    return "not-found";
  if (has(m, "manifest unknown") || (has(m, "manifest for") && has(m, "not found")) ||
      (has(m, "failed to resolve reference") && has(m, ": not found")) || has(m, "code = notfound"))
    return "bad-tag";
  return {};
}

std::string failing_container(const Pod& pod) {
  for (const auto& c : pod.containers)
    if (c.current.state == "terminated" || c.last.state == "terminated" ||
        (c.current.state == "waiting" && c.current.reason != "PodInitializing" && c.current.reason != "ContainerCreating"))
      return c.name;
  for (const auto& c : pod.containers)
    if (!c.init) return c.name;
  return pod.containers.empty() ? std::string() : pod.containers.front().name;
}

std::vector<Finding> diagnose_pod(Pod& pod, const std::vector<ContainerLogs>& logs, const CoreSettings* config) {
  fill_states(pod);
  Ctx x{pod, {}};
  std::string fallback = failing_container(pod);
  for (auto& c : pod.containers) {
    runtime::Logs lg;
    for (const auto& l : logs)
      if (l.container == c.name || (l.container.empty() && c.name == fallback)) lg = l.logs;
    std::vector<Finding> engine;
    if (c.has_status || !lg.lines.empty()) engine = runtime::diagnose(c.state, lg, config);
    bool explained = false;
    bool completed_here = false;
    for (const ContainerStatusInfo* k : {&c.current, &c.last})
      if (k->state == "terminated" && k->reason == "Completed" && long_running_owner(pod) && !c.init) completed_here = true;
    for (auto& f : engine) {
      if (f.rule == "DD5010") continue;                    // DD6500 says it with the pod's words
      if (f.rule == "DD5011") continue;                    // docker health: pods have probes (DD6509)
      if (f.rule == "DD5001" && completed_here) continue;  // DD6505
      f.location.resource = pod.resource();
      f.location.container = c.name;
      if (pod.from_describe && f.location.file.empty()) {
        auto it = c.lines.find(f.location.field);
        if (it != c.lines.end()) {
          f.location.file = pod.file;
          f.location.line = it->second;
        }
      }
      k8s_fix(f, c);
      if (std::find(f.tags.begin(), f.tags.end(), "k8s") == f.tags.end()) f.tags.push_back("k8s");
      if (f.severity == Severity::error) explained = true;
      x.out.push_back(std::move(f));
    }
    image_pull(x, c);
    config_error(x, c);
    start_error(x, c, explained);
    completed(x, c);
    probes(x, c);
    if (!explained)
      for (const auto& f : x.out)
        if (f.location.container == c.name && f.rule != "DD6500" &&
            (f.severity == Severity::error || f.severity == Severity::none))  // none: the rule's default, error
          explained = true;
    crash_loop(x, c, explained);
  }
  evicted(x);
  scheduling(x);
  mount(x);

  // Secrets: literal env values that look secret never appear.
  std::vector<std::string> secrets;
  for (const auto& c : pod.containers)
    for (auto& s : runtime::secret_values(c.state)) secrets.push_back(s);
  std::sort(secrets.begin(), secrets.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  Report report(config);
  for (auto& f : x.out) {
    for (const auto& s : secrets)
      for (std::string* t : {&f.title, &f.message, &f.evidence, &f.root_cause, &f.fix}) *t = redact_in(*t, s);
    std::string fixed;
    for (size_t i = 0; i < f.fix.size(); ++i) {
      if (f.fix.compare(i, 3, "POD") == 0 && (i + 3 >= f.fix.size() || !std::isalpha(static_cast<unsigned char>(f.fix[i + 3])))) {
        fixed += pod.name;
        i += 2;
      } else {
        fixed += f.fix[i];
      }
    }
    f.fix = std::move(fixed);
    report.add(std::move(f));
  }
  return std::move(report.findings());
}

}  // namespace dd::k8s::pod
