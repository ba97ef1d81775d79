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

int run_metrics(const MetricsArgs& a) {
  Config config = load_config_for(a.common, a.files.front());
  metrics::ReadOptions ro;
  if (!a.metric.empty()) {
    auto sp = metrics::spec_of(a.metric);
    if (sp.metric == metrics::Metric::unknown)
      throw InputError("--metric " + a.metric + ": not a known metric (container_memory_working_set_bytes, "
                       "container_cpu_usage_seconds_total, container_cpu_cfs_throttled_periods_total, ...)");
    if (sp.rate && !metrics::is_counter(sp.metric))
      throw InputError("--metric " + a.metric + ": rate() of " + std::string(metrics::metric_name(sp.metric)) +
                       ", which is not a counter; save the gauge itself");
    ro.metric = sp.metric;
    ro.metric_is_rate = sp.rate;
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
  if (!a.manifest.empty()) metrics::point_at_manifest(fs, cs, metrics::read_manifest(a.manifest), a.manifest);
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
             app->add_option("--metric", a->metric, "Metric or PromQL query of CSV series or of series without __name__: container_cpu_usage_seconds_total, or 'rate(container_cpu_usage_seconds_total[5m])' for rate() results");
             app->add_option("--svg", a->svg, "Write a plot of the series, trend, limit and predicted crossing");
             app->add_option("--manifest", a->manifest, "Kubernetes manifest file or directory: name the container and the lines to change");
             add_common(app, a->common);
             return [a] { return run_metrics(*a); };
           },
           75)

}  // namespace
}  // namespace dd::cli
