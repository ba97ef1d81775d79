// drydock metrics FILE...: memory leak or spike, time until the OOM kill,
// CPU throttling and right-sizing from exported Prometheus or CSV series.
#include <fstream>
#include <cmath>
#include <fmt/format.h>
#include <iostream>

#include "cli/cli.h"
#include "core/error.h"
#include "knowledge/quantity.h"
#include "metrics/analyze.h"
#include "metrics/manifest.h"
#include "metrics/svg.h"

namespace dd::cli {
namespace {

struct MetricsArgs {
  Common common;
  std::vector<std::string> files;
  std::string limit, cpu_limit, metric, svg, manifest;
};

// The manifest's container for a finding, and the lines to change.
void point_at_manifest(std::vector<Finding>& fs, const std::vector<metrics::Container>& cs,
                       const std::vector<metrics::ManifestContainer>& mcs, const std::string& path) {
  for (auto& f : fs) {
    if (f.rule != "DD8005" && f.rule != "DD8006" && f.rule != "DD8002" && f.rule != "DD8004") continue;
    const metrics::Container* c = nullptr;
    for (const auto& x : cs)
      if ((x.key.container.empty() ? x.key.label() : x.key.container) == f.location.container) c = &x;
    if (!c) continue;
    const metrics::ManifestContainer* best = nullptr;
    for (const auto& m : mcs) {
      if (m.name != f.location.container) continue;
      // Prefer the workload whose name starts the pod's name.
      auto slash = m.resource.rfind('/');
      std::string wname = slash == std::string::npos ? "" : m.resource.substr(slash + 1);
      if (!best || (!wname.empty() && c->key.pod.rfind(wname, 0) == 0)) best = &m;
    }
    if (!best) continue;
    std::vector<std::pair<std::string, std::string>> want;
    const auto& r = c->rec;
    if (r.mem_request) want.emplace_back("requests.memory", kb::format_memory(static_cast<int64_t>(std::ceil(*r.mem_request / 1048576.0)) * 1048576, true));
    if (r.mem_limit) want.emplace_back("limits.memory", kb::format_memory(static_cast<int64_t>(std::ceil(*r.mem_limit / 1048576.0)) * 1048576, true));
    if (r.cpu_request) want.emplace_back("requests.cpu", kb::format_cpu(*r.cpu_request));
    if (r.cpu_limit) want.emplace_back("limits.cpu", kb::format_cpu(*r.cpu_limit));
    std::string changes;
    for (auto& [p, v] : want) {
      const metrics::ManifestContainer::Field* fld = nullptr;
      for (auto& x : best->fields)
        if (x.path == p) fld = &x;
      if (fld && fld->value == v) continue;
      changes += changes.empty() ? "" : "; ";
      changes += fld ? fmt::format("line {}: {}: {} -> {}", fld->line, p, fld->value, v) : fmt::format("add {}: {}", p, v);
    }
    f.location.file = path;
    f.location.line = best->resources_line ? best->resources_line : best->line;
    f.location.resource = best->resource;
    if (!changes.empty()) f.message += " — in " + path + ", container " + best->name + ": " + changes;
  }
}

int run_metrics(const MetricsArgs& a) {
  Config config = load_config_for(a.common, a.files.front());
  metrics::ReadOptions ro;
  if (!a.metric.empty()) {
    auto m = metrics::metric_of(a.metric);
    if (m == metrics::Metric::unknown)
      throw InputError("--metric " + a.metric + ": not a known metric (container_memory_working_set_bytes, "
                       "container_cpu_usage_seconds_total, container_cpu_cfs_throttled_periods_total, ...)");
    ro.metric = m;
  }
  metrics::Options opt;
  if (!a.limit.empty()) {
    auto b = kb::parse_memory(a.limit, kb::QuantityDialect::kubernetes);
    if (!b || *b <= 0) throw InputError("--limit " + a.limit + ": not a Kubernetes memory quantity such as 768Mi or 1Gi");
    opt.memory_limit = static_cast<double>(*b);
  }
  if (!a.cpu_limit.empty()) {
    auto c = kb::parse_cpu(a.cpu_limit);
    if (!c || *c <= 0) throw InputError("--cpu-limit " + a.cpu_limit + ": not a Kubernetes CPU quantity such as 500m or 2");
    opt.cpu_limit = *c;
  }
  std::vector<metrics::Series> all;
  for (const auto& f : a.files) {
    auto s = metrics::read_file(f, ro);
    if (s.empty()) throw InputError(f + ": no series of a known metric");
    for (auto& x : s) all.push_back(std::move(x));
  }
  auto cs = metrics::analyze(std::move(all), opt);
  auto fs = metrics::findings(cs);
  if (!a.manifest.empty()) point_at_manifest(fs, cs, metrics::read_manifest(a.manifest), a.manifest);
  if (!a.svg.empty()) {
    std::ofstream out(a.svg, std::ios::binary);
    if (!out) throw InputError(a.svg + ": cannot write the SVG");
    out << metrics::svg(cs, "drydock metrics: " + a.files.front());
    if (!out.flush()) throw InputError(a.svg + ": cannot write the SVG");
  }
  if (output_format(a.common) == render::Format::text && !a.common.quiet) std::cout << metrics::text_summary(cs) << "\n";
  return finish(std::move(fs), a.common, config, nlohmann::json{{"series", metrics::to_json(cs)}});
}

DD_COMMAND("metrics", "Memory leak or spike, time until the OOM kill, CPU throttling and right-sizing from Prometheus or CSV series",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<MetricsArgs>();
             app->add_option("files", a->files, "Prometheus /api/v1/query_range JSON or CSV (timestamp,value[,series]) files")->required();
             app->add_option("--limit", a->limit, "Memory limit as a Kubernetes quantity (768Mi), when no series carries it");
             app->add_option("--cpu-limit", a->cpu_limit, "CPU limit in cores (500m, 2), when no series carries it");
             app->add_option("--metric", a->metric, "Metric of CSV series or of series without __name__ (rate() results)");
             app->add_option("--svg", a->svg, "Write a plot of the series, trend, limit and predicted crossing");
             app->add_option("--manifest", a->manifest, "Kubernetes manifest: name the container and the lines to change");
             add_common(app, a->common);
             return [a] { return run_metrics(*a); };
           },
           75)

}  // namespace
}  // namespace dd::cli
