// drydock k8s lint PATH...: the Kubernetes rules over manifests (files,
// folders, Helm-rendered output), with the line of every offending field.
#include <filesystem>
#include <iostream>
#include <iterator>

#include "cli/cli.h"
#include "core/error.h"
#include "k8s/lint.h"
#include "k8s/manifest.h"

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
      k8s::load_text(set, text, "<stdin>");
    } else {
      k8s::load_path(set, p);
    }
  }
  auto findings = k8s::lint(set, config);
  return finish(std::move(findings), a.common, config);
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
             return [a, lint] {
               if (lint->parsed()) return run_k8s_lint(*a);
               return 2;
             };
           },
           30)

}  // namespace
}  // namespace dd::cli
