#pragma once
// The analysis of one container's series: memory trend, leak verdict, time
// until the limit, sawtooth drops, spikes; CPU throttling from counters; a
// VPA-style recommendation.
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/finding.h"
#include "metrics/series.h"

namespace dd::metrics {

// A robust line v = intercept + slope * (t - t0).
struct Trend {
  double t0 = 0, slope = 0, intercept = 0, r2 = 0;
  double at(double t) const { return intercept + slope * (t - t0); }
};
// Theil–Sen (median of pairwise slopes) on at most ~600 bucket medians;
// R² of the line against every point.
Trend theil_sen(const double* t, const double* v, size_t n);

struct Drop {
  double time = 0, before = 0, after = 0;
  bool near_limit = false;
};
struct Spike {
  double start = 0, end = 0, peak_time = 0, peak = 0, baseline = 0;
};

struct Memory {
  size_t points = 0;
  double start = 0, end = 0, step = 0;
  double min = 0, max = 0, median = 0, p90 = 0, p95 = 0, last = 0;
  Trend trend;                   // on the last segment (since the last drop)
  double slope_per_hour = 0;     // the leak's slope (median over growing segments)
  bool leak = false;
  std::string leak_reason;       // why the verdict is what it is
  std::vector<Drop> drops;
  std::vector<Spike> spikes;
  std::optional<double> limit;   // bytes
  std::optional<double> request;
  std::optional<double> crossing;  // unix time the trend reaches the limit
  std::optional<double> oom_usage;  // largest usage right before a drop near the limit
};

struct Cpu {
  bool have_throttling = false, have_usage = false;
  double periods = 0, throttled = 0, ratio = 0;  // totals over the window, resets handled
  double worst_ratio = 0, worst_time = 0;        // worst 5-minute window
  double high_windows = 0;                       // fraction of 5-minute windows over 25%
  double usage_avg = 0, usage_p90 = 0, usage_p95 = 0, usage_max = 0;  // cores
  size_t resets = 0;
  std::optional<double> limit, request;  // cores
  // Counter series whose values were rates (saved from rate()), and why
  // they were read so: "container_cpu_usage_seconds_total: <reason>".
  std::vector<std::string> read_as_rate;
};

struct Recommendation {
  std::optional<double> mem_request, mem_limit;  // bytes
  std::optional<double> cpu_request, cpu_limit;  // cores
  bool oom_bump = false;
  std::string yaml() const;
  // ("requests.memory", "842Mi") ... as yaml() writes them.
  std::vector<std::pair<std::string, std::string>> values() const;
};

struct Container {
  Key key;
  std::string source;
  std::optional<Memory> memory;
  std::optional<Cpu> cpu;
  Recommendation rec;
  // Samples kept for the plot: (t, v) of the memory series.
  std::vector<double> mem_t, mem_v;
  std::vector<double> cpu_t, cpu_v;  // usage in cores per window
};

struct Options {
  std::optional<double> memory_limit;  // --limit, bytes
  std::optional<double> cpu_limit;     // --cpu-limit, cores
};

// Groups by namespace/pod/container and analyses each. Throws InputError
// for an empty series.
std::vector<Container> analyze(std::vector<Series> series, const Options& opt);

// Counter increases with resets handled as Prometheus' rate() does: a
// decrease means the counter restarted from zero.
double counter_increase(const double* v, size_t n, size_t* resets = nullptr);

// Why the values of a series of a counter metric are not the counter but
// its rate (rate()'s results go up and down; a counter only falls when it
// restarts from zero, and CFS period counters are whole numbers); nullopt
// for a counter.
std::optional<std::string> not_a_counter(const Series& s);

// Where the findings of a container point (file, container, Pod/ns/pod).
Location location_of(const Container& c);

// The findings (DD8001..DD8006) for the analysed containers.
std::vector<Finding> findings(const std::vector<Container>& cs);
// The `series` key of the JSON output.
nlohmann::json to_json(const std::vector<Container>& cs);
// A short per-container table for the text output.
std::string text_summary(const std::vector<Container>& cs);

}  // namespace dd::metrics
