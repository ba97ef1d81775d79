#pragma once
// Memory and CPU series exported from Prometheus (range-query JSON) or CSV,
// grouped by namespace/pod/container.
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace dd::metrics {

enum class Metric {
  unknown,
  memory_working_set,  // container_memory_working_set_bytes (bytes, gauge)
  memory_limit,        // container_spec_memory_limit_bytes (bytes, gauge)
  throttled_periods,   // container_cpu_cfs_throttled_periods_total (counter)
  cfs_periods,         // container_cpu_cfs_periods_total (counter)
  cpu_usage,           // container_cpu_usage_seconds_total (counter, seconds)
  limit_memory,        // kube_pod_container_resource_limits{resource="memory"}
  limit_cpu,           // kube_pod_container_resource_limits{resource="cpu"}
  request_memory,      // kube_pod_container_resource_requests{resource="memory"}
  request_cpu,         // kube_pod_container_resource_requests{resource="cpu"}
};
// The metric a name (and resource label for kube-state-metrics) names.
// Recording-rule names (level:metric:operations, as kube-prometheus writes
// node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate)
// name the metric in their middle part.
Metric metric_of(std::string_view name, std::string_view resource = "");
std::string_view metric_name(Metric m);
bool is_counter(Metric m);  // the *_total metrics

// What a series name or a PromQL query says about the values: the metric,
// and whether they are per-second rates of it (rate(x[5m]), irate(x[5m]),
// sum(rate(...)) by (...), or a recording rule whose operations say rate).
struct MetricSpec {
  Metric metric = Metric::unknown;
  bool rate = false;
};
MetricSpec spec_of(std::string_view name_or_query, std::string_view resource = "");

struct Key {
  std::string ns, pod, container;
  std::string label() const;  // ns/pod/container with empty parts left out
  bool operator<(const Key& o) const;
  bool operator==(const Key& o) const = default;
};

// One series: timestamps (unix seconds) and values, in time order.
struct Series {
  Metric metric = Metric::unknown;
  Key key;
  std::string source;  // file it came from
  // The values are per-second rates of a counter metric (a series saved
  // from rate(...)), not the counter itself; see rate_reason.
  bool rate = false;
  std::string rate_reason;
  std::vector<double> t;
  std::vector<double> v;
};

struct ReadOptions {
  std::optional<Metric> metric;  // --metric: for CSV and series without __name__
  bool metric_is_rate = false;   // --metric named a rate() query
  // read_file reads Prometheus JSON of this size or more on several
  // threads, split between series (the same series as a serial read).
  uint64_t parallel_min_bytes = 32u << 20;
  // false: every point of the JSON takes the general path (the tests check
  // that the fast path over plain `[ts,"v"]` points reads the same series).
  bool fast_points = true;
};

// Prometheus /api/v1/query_range JSON, read as a stream. Throws InputError
// naming `name` and the problem.
std::vector<Series> read_prometheus(std::istream& in, const std::string& name, const ReadOptions& opt);
// CSV: timestamp,value[,series]; header optional; RFC3339 or unix timestamps.
std::vector<Series> read_csv(std::istream& in, const std::string& name, const ReadOptions& opt);
// Either, by content (first non-blank byte '{' is JSON).
std::vector<Series> read_file(const std::string& path, const ReadOptions& opt);

// RFC3339 (2024-05-01T12:00:00Z, fractions, offsets) or unix seconds/ms.
std::optional<double> parse_timestamp(std::string_view s);
std::string format_time(double unix_seconds);  // 2024-05-01T12:00:00Z

}  // namespace dd::metrics
