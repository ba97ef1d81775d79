// drydock k8s lint PATH...: the Kubernetes rules over manifests (files,
// folders, Helm-rendered output), with the line of every offending field.
#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "cli/cli.h"
#include "core/error.h"
#include "k8s/lint.h"
#include "k8s/manifest.h"
#include "k8s/preflight/preflight.h"

namespace dd::cli {
namespace {

struct K8sLintArgs {
  Common common;
  std::vector<std::string> paths;
};

int run_k8s_lint(const K8sLintArgs& a) {
  Config config = load_config_for(a.common, a.paths.front() == "-" ? "." : a.paths.front());
  k8s::ManifestSet set;
  for (const auto& p : a.paths) {
    if (p == "-") {
      std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
      k8s::load_text(set, text, "<stdin>", /*named=*/true);
    } else {
      k8s::load_path(set, p);
    }
  }
  auto findings = k8s::lint(set, config.core(), config.k8s());
  return finish(std::move(findings), a.common, config);
}

struct K8sPreflightArgs {
  Common common;
  std::vector<std::string> paths;
  std::string timeout = "30s";
  std::string workload, container, probe_image;
  std::vector<std::string> image_overrides;
};

// "30s", "2m", "90": seconds.
int parse_timeout(const std::string& t) {
  size_t end = 0;
  long v = -1;
  try {
    v = std::stol(t, &end);
  } catch (const std::exception&) {
    v = -1;
  }
  std::string unit = t.substr(end);
  long mult = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : 0;
  if (v <= 0 || mult == 0 || v * mult > 86400)
    throw InputError("k8s preflight: --timeout " + t + ": give a duration such as 30s, 2m or 90 (at most 24h)");
  return static_cast<int>(v * mult);
}

std::atomic<int> g_interrupted{0};
extern "C" void on_preflight_signal(int sig) { g_interrupted.store(sig); }

int run_k8s_preflight(const K8sPreflightArgs& a) {
  int timeout = parse_timeout(a.timeout);
  Config config = load_config_for(a.common, a.paths.front());
  k8s::ManifestSet set;
  for (const auto& p : a.paths) k8s::load_path(set, p);
  // SIGINT and SIGTERM stop the run; it then removes what it made.
  struct sigaction sa {};
  sa.sa_handler = on_preflight_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  struct sigaction old_int {}, old_term {};
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  struct Restore {
    struct sigaction i, t;
    ~Restore() {
      sigaction(SIGINT, &i, nullptr);
      sigaction(SIGTERM, &t, nullptr);
    }
  } restore{old_int, old_term};
  k8s::preflight::Options o;
  o.workload = a.workload;
  o.container = a.container;
  o.image_overrides = a.image_overrides;
  o.timeout_seconds = timeout;
  o.probe_image = a.probe_image;
  o.interrupted = &g_interrupted;
  if (!a.common.quiet && a.common.format == "text")
    o.progress = [](const std::string& line) { std::cerr << line << "\n"; };
  engine::Client client;
  auto r = k8s::preflight::run(set, o, client, config);
  nlohmann::json probes = nlohmann::json::array();
  for (const auto& p : r.probes) {
    nlohmann::json j = {{"kind", p.kind},         {"handler", p.handler},   {"target", p.target},
                        {"field", p.field},       {"attempts", p.attempts}, {"successes", p.successes},
                        {"failures", p.failures}, {"would_restart", p.would_restart}};
    if (p.first_success >= 0) j["first_success_seconds"] = std::round(p.first_success * 10) / 10;
    if (!p.last_output.empty()) j["last_failure"] = p.last_output;
    if (!p.not_run.empty()) j["not_run"] = p.not_run;
    probes.push_back(j);
  }
  nlohmann::json run = r.run;
  run["probes"] = probes;
  run["notes"] = r.notes;
  if (a.common.format == "text" && !a.common.quiet) std::cout << k8s::preflight::describe(r) << "\n";
  return finish(std::move(r.findings), a.common, config, {{"preflight", run}});
}

DD_COMMAND("k8s", "Lint Kubernetes manifests: resources, heap vs limit, probes, security context, config refs, network",
           [](CLI::App* app) -> std::function<int()> {
             app->require_subcommand(1);
             auto a = std::make_shared<K8sLintArgs>();
             CLI::App* lint = app->add_subcommand(
                 "lint", "Lint manifests (YAML or JSON files, folders, `helm template` output) with the DD6xxx rules");
             lint->add_option("path", a->paths, "Manifest files or folders (*.yaml, *.yml, *.json, recursive); - for stdin")
                 ->required();
             add_common(lint, a->common);
             lint->footer(
                 "Examples:\n"
                 "  drydock k8s lint deploy/                     every manifest under deploy/\n"
                 "  helm template chart > out.yaml && drydock k8s lint out.yaml\n"
                 "  drydock k8s lint --format sarif k8s/ > k8s.sarif\n"
                 "Ignore a rule on one object with the annotation drydock.io/ignore: DD6001,DD6010\n"
                 "(kube-score/ignore, ignore-check.kube-linter.io/<check>, polaris.fairwinds.com/<check>-exempt\n"
                 "and checkov.io/skipN are honoured too).");
             auto pa = std::make_shared<K8sPreflightArgs>();
             CLI::App* pre = app->add_subcommand(
                 "preflight",
                 "Run a workload's pod template on the local Docker engine under the manifest's constraints, execute "
                 "its probes, and diagnose what fails");
             pre->add_option("manifest", pa->paths,
                             "The workload's manifest, plus the ConfigMaps and Secrets it uses (files or folders)")
                 ->required();
             pre->add_option("--timeout", pa->timeout, "How long the container runs at most (30s, 2m, 90)")
                 ->default_str("30s");
             pre->add_option("--workload", pa->workload, "Kind/name or name of the workload when the input has several");
             pre->add_option("--container", pa->container, "The container to run (default: the pod's first)");
             pre->add_option("--image-override", pa->image_overrides,
                             "IMAGE, or CONTAINER=IMAGE: run this local image instead of the manifest's")
                 ->allow_extra_args(false);
             pre->add_option("--probe-image", pa->probe_image,
                             "An image with sh, wget and nc that runs http/tcp probes in the pod's network when the "
                             "app image has no such tools");
             add_common(pre, pa->common);
             pre->footer(
                 "Examples:\n"
                 "  drydock k8s preflight deploy/web.yaml --timeout 20s\n"
                 "  drydock k8s preflight k8s/ --workload Deployment/web --image-override web=web:dev\n"
                 "Containers get loopback only (NetworkMode none); probes run inside the pod's network namespace.\n"
                 "Everything made is labelled io.drydock.preflight and removed at the end, on SIGINT and on SIGTERM.");
             return [a, lint, pa, pre] {
               if (lint->parsed()) return run_k8s_lint(*a);
               if (pre->parsed()) return run_k8s_preflight(*pa);
               return 2;
             };
           },
           30)

}  // namespace
}  // namespace dd::cli
