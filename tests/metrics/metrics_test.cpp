// drydock metrics on generated series: a leak, flat, periodic, a spike, a
// sawtooth, throttling and a counter reset, written as Prometheus
// query_range JSON and CSV, run through the binary.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <map>
#include <random>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "helpers.h"
#include "metrics/analyze.h"
#include "metrics/series.h"

namespace dd::test {
namespace {

constexpr double kMi = 1048576.0;
constexpr double kT0 = 1714557600;  // 2024-05-01T10:00:00Z
constexpr double kStep = 15;

struct Gen {
  std::string name = "container_memory_working_set_bytes";
  std::string pod = "api-7d9f-x2", container = "api", extra;
  std::vector<std::pair<double, double>> pts;
};

// One query_range answer with these series, as Prometheus writes it.
std::string prometheus(const std::vector<Gen>& gs) {
  std::string s = R"({"status":"success","data":{"resultType":"matrix","result":[)";
  for (size_t i = 0; i < gs.size(); ++i) {
    const auto& g = gs[i];
    s += i ? "," : "";
    s += fmt::format(R"({{"metric":{{"__name__":"{}","namespace":"shop","pod":"{}","container":"{}","instance":"10.0.0.7:10250"{}}},"values":[)",
                     g.name, g.pod, g.container, g.extra);
    for (size_t j = 0; j < g.pts.size(); ++j)
      s += fmt::format("{}[{:.3f},\"{}\"]", j ? "," : "", g.pts[j].first, fmt::format("{:.17g}", g.pts[j].second));
    s += "]}";
  }
  return s + "]}}";
}

// Samples every 15 s for `hours`, v(t) = f(seconds since start) + noise.
template <class F>
Gen gauge(double hours, F f, double noise_mi = 4, unsigned seed = 1) {
  Gen g;
  std::mt19937 rng(seed);
  std::normal_distribution<double> n(0, noise_mi * kMi);
  for (double s = 0; s <= hours * 3600; s += kStep) g.pts.emplace_back(kT0 + s, std::max(0.0, f(s) + n(rng)));
  return g;
}

nlohmann::json run_json(const TempDir& d, const std::string& body, std::vector<std::string> extra, int* status = nullptr,
                        const std::string& file = "q.json") {
  auto p = d.write(file, body);
  std::vector<std::string> args{"metrics", p.string(), "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = drydock(args);
  if (status) *status = r.status;
  EXPECT_TRUE(r.status == 0 || r.status == 1) << r.err;
  return nlohmann::json::parse(r.out);
}

std::vector<std::string> rules_of(const nlohmann::json& j) {
  std::vector<std::string> out;
  for (auto& f : j["findings"]) out.push_back(f["rule"]);
  return out;
}
bool has(const nlohmann::json& j, const std::string& rule) {
  auto r = rules_of(j);
  return std::find(r.begin(), r.end(), rule) != r.end();
}

TEST(Metrics, LeakSlopeAndCrossingWithinTenPercent) {
  TempDir d;
  const double slope = 20 * kMi / 3600;  // 20 MiB per hour
  auto g = gauge(24, [&](double s) { return 300 * kMi + slope * s; });
  int st = 0;
  auto j = run_json(d, prometheus({g}), {"--limit", "1Gi"}, &st);
  ASSERT_TRUE(has(j, "DD8001")) << j.dump(1);
  auto m = j["series"][0]["memory"];
  EXPECT_TRUE(m["leak"].get<bool>());
  EXPECT_NEAR(m["slope_bytes_per_hour"].get<double>(), 20 * kMi, 2 * kMi);
  EXPECT_GT(m["r2"].get<double>(), 0.9);
  // 300 + 20*24 = 780 MiB at the end: 1024 MiB 12.2 h later.
  double expect = (1024 - 780) * kMi / slope;
  EXPECT_NEAR(m["seconds_until_limit"].get<double>(), expect, 0.1 * expect);
  EXPECT_EQ(j["findings"][0]["category"], "memory-leak");
  EXPECT_EQ(j["findings"][0]["location"]["container"], "api");
  EXPECT_EQ(j["findings"][0]["location"]["resource"], "Pod/shop/api-7d9f-x2");
  // Within 24 h of the limit: an error, so the status is 1.
  EXPECT_EQ(st, 1);
}

TEST(Metrics, FlatSeriesIsNoLeak) {
  TempDir d;
  auto g = gauge(24, [](double) { return 400 * kMi; }, 8);
  auto j = run_json(d, prometheus({g}), {"--limit", "1Gi"});
  EXPECT_FALSE(has(j, "DD8001")) << j.dump(1);
  EXPECT_FALSE(has(j, "DD8003")) << j.dump(1);
  EXPECT_FALSE(j["series"][0]["memory"]["leak"].get<bool>());
  EXPECT_LT(std::fabs(j["series"][0]["memory"]["slope_bytes_per_hour"].get<double>()), 0.5 * kMi);
  EXPECT_TRUE(has(j, "DD8006"));  // the recommendation
}

TEST(Metrics, PeriodicSeriesIsNoLeak) {
  TempDir d;
  // A daily cycle over three days and a half, as traffic makes it.
  auto g = gauge(84, [](double s) { return 500 * kMi + 200 * kMi * std::sin(2 * M_PI * s / 86400); }, 5);
  auto j = run_json(d, prometheus({g}), {"--limit", "1Gi"});
  EXPECT_FALSE(has(j, "DD8001")) << j["series"].dump(1);
  EXPECT_FALSE(has(j, "DD8003")) << j["series"].dump(1);
  // Half a cycle rising, then falling: both halves do not climb.
  auto h = gauge(24, [](double s) { return 500 * kMi + 200 * kMi * std::sin(2 * M_PI * s / 86400); }, 5, 2);
  auto j2 = run_json(d, prometheus({h}), {"--limit", "1Gi"}, nullptr, "h.json");
  EXPECT_FALSE(has(j2, "DD8001")) << j2["series"].dump(1);
}

TEST(Metrics, SpikeIsTimed) {
  TempDir d;
  const double at = 10 * 3600;  // 10:00 after the start, 2 minutes long
  auto g = gauge(24, [&](double s) { return s >= at && s < at + 120 ? 900 * kMi : 400 * kMi; }, 4);
  auto j = run_json(d, prometheus({g}), {"--limit", "1Gi"});
  ASSERT_TRUE(has(j, "DD8003")) << j.dump(1);
  EXPECT_FALSE(has(j, "DD8001"));
  auto sp = j["series"][0]["memory"]["spikes"];
  ASSERT_EQ(sp.size(), 1u);
  EXPECT_EQ(sp[0]["start"], metrics::format_time(kT0 + at));
  EXPECT_NEAR(sp[0]["peak_bytes"].get<double>(), 900 * kMi, 20 * kMi);
  // A spike is not a restart.
  EXPECT_EQ(j["series"][0]["memory"]["drops"].size(), 0u);
  for (auto& f : j["findings"])
    if (f["rule"] == "DD8003") {
      EXPECT_EQ(f["severity"], "warning");  // 88% of the limit
      EXPECT_NE(f["message"].get<std::string>().find(metrics::format_time(kT0 + at)), std::string::npos);
    }
}

TEST(Metrics, SawtoothIsALeakResetByKills) {
  TempDir d;
  // 300 MiB growing 100 MiB/h until the 1 GiB limit, then killed: 7.24 h a cycle.
  const double slope = 100 * kMi / 3600, cycle = (1024 - 300) * kMi / slope;
  auto g = gauge(30, [&](double s) { return 300 * kMi + slope * std::fmod(s, cycle); }, 4);
  for (auto& p : g.pts) p.second = std::min(p.second, 1024 * kMi);
  Gen lim = gauge(30, [](double) { return 1024 * kMi; }, 0);
  lim.name = "container_spec_memory_limit_bytes";
  auto j = run_json(d, prometheus({g, lim}), {});
  ASSERT_TRUE(has(j, "DD8001")) << j["series"].dump(1);
  ASSERT_TRUE(has(j, "DD8002")) << j["series"].dump(1);
  auto m = j["series"][0]["memory"];
  EXPECT_EQ(m["drops"].size(), 4u);  // at 7.2, 14.5, 21.7 and 29 h
  for (auto& dr : m["drops"]) EXPECT_TRUE(dr["near_limit"].get<bool>());
  EXPECT_NEAR(m["slope_bytes_per_hour"].get<double>(), 100 * kMi, 10 * kMi);
  EXPECT_EQ(m["drops"][0]["time"], metrics::format_time(kT0 + std::ceil(cycle / kStep) * kStep));
  // The next kill: the fifth cycle ends at 5 × 7.24 h = 36.2 h, 6.2 h after the last sample.
  double next = kT0 + 5 * cycle, end = kT0 + 30 * 3600;
  EXPECT_NEAR(m["seconds_until_limit"].get<double>(), next - end, 0.1 * (next - end)) << m.dump(1);
  // The recommendation carries the OOM bump: max(+20%, +100Mi) over 1 GiB.
  EXPECT_TRUE(j["series"][0]["recommendation"]["oom_bump"].get<bool>());
  EXPECT_EQ(j["series"][0]["recommendation"]["memory_limit"], "1229Mi");
  for (auto& f : j["findings"])
    if (f["rule"] == "DD8002") EXPECT_EQ(f["category"], "oom-killed");
}

Gen counter(const std::string& name, double hours, double per_second, double reset_at = -1) {
  Gen g;
  g.name = name;
  double c = 5000, last = 0;
  for (double s = 0; s <= hours * 3600; s += kStep) {
    if (reset_at >= 0 && last < reset_at && s >= reset_at) c = 0;
    c += per_second * kStep;
    last = s;
    g.pts.emplace_back(kT0 + s, c);
  }
  return g;
}

TEST(Metrics, ThrottlingWhileAverageUseIsLow) {
  TempDir d;
  auto per = counter("container_cpu_cfs_periods_total", 6, 10);
  auto thr = counter("container_cpu_cfs_throttled_periods_total", 6, 4);  // 40%
  auto use = counter("container_cpu_usage_seconds_total", 6, 0.3);
  Gen lim = gauge(6, [](double) { return 1.0; }, 0);
  lim.name = "kube_pod_container_resource_limits";
  lim.extra = R"(,"resource":"cpu","unit":"core")";
  auto j = run_json(d, prometheus({per, thr, use, lim}), {});
  ASSERT_TRUE(has(j, "DD8004")) << j.dump(1);
  auto c = j["series"][0]["cpu"];
  EXPECT_NEAR(c["throttled_ratio"].get<double>(), 0.4, 0.01);
  EXPECT_NEAR(c["usage_avg_cores"].get<double>(), 0.3, 0.01);
  EXPECT_EQ(c["limit_cores"], 1.0);
  EXPECT_EQ(c["counter_resets"], 0);
  // No throttling, no finding.
  auto thr0 = counter("container_cpu_cfs_throttled_periods_total", 6, 0.1);
  auto j2 = run_json(d, prometheus({per, thr0, use, lim}), {}, nullptr, "b.json");
  EXPECT_FALSE(has(j2, "DD8004"));
}

TEST(Metrics, CounterResetIsNotNegativeRate) {
  TempDir d;
  auto per = counter("container_cpu_cfs_periods_total", 6, 10, 3 * 3600);
  auto thr = counter("container_cpu_cfs_throttled_periods_total", 6, 4, 3 * 3600);
  auto j = run_json(d, prometheus({per, thr}), {"--cpu-limit", "1"});
  auto c = j["series"][0]["cpu"];
  EXPECT_NEAR(c["throttled_ratio"].get<double>(), 0.4, 0.01) << c.dump();
  EXPECT_EQ(c["counter_resets"], 2);
  EXPECT_TRUE(has(j, "DD8004"));
  // The library's counter increase: 10, 20, reset to 5, 15 is 10+5+10.
  double v[] = {10, 20, 5, 15};
  size_t resets = 0;
  EXPECT_DOUBLE_EQ(metrics::counter_increase(v, 4, &resets), 25);
  EXPECT_EQ(resets, 1u);
}

TEST(Metrics, CsvWithRfc3339AndHeader) {
  TempDir d;
  std::string csv = "timestamp,container_memory_working_set_bytes,series\n";
  for (int i = 0; i <= 24 * 240; ++i) {
    double s = i * kStep;
    csv += metrics::format_time(kT0 + s) + "," + fmt::format("{:.0f}", 200 * kMi + 10 * kMi / 3600 * s) + ",shop/web-1/web\n";
  }
  auto j = run_json(d, csv, {"--limit", "768Mi"}, nullptr, "m.csv");
  ASSERT_TRUE(has(j, "DD8001")) << j.dump(1);
  EXPECT_EQ(j["series"][0]["series"], "shop/web-1/web");
  EXPECT_NEAR(j["series"][0]["memory"]["slope_bytes_per_hour"].get<double>(), 10 * kMi, kMi);
  // Unix timestamps and values with units read the same.
  std::string csv2;
  for (int i = 0; i <= 24 * 240; ++i)
    csv2 += fmt::format("{:.0f},{:.3f}Mi\n", kT0 + i * kStep, 200 + 10.0 / 3600 * i * kStep);
  auto j2 = run_json(d, csv2, {"--limit", "768Mi"}, nullptr, "u.csv");
  EXPECT_NEAR(j2["series"][0]["memory"]["slope_bytes_per_hour"].get<double>(), 10 * kMi, kMi);
}

// A rate() result: no __name__ (Prometheus drops it), per-second values.
std::string prometheus_unnamed(const Gen& g) {
  std::string s = R"({"status":"success","data":{"resultType":"matrix","result":[)";
  s += fmt::format(R"({{"metric":{{"namespace":"shop","pod":"{}","container":"{}"}},"values":[)", g.pod, g.container);
  for (size_t j = 0; j < g.pts.size(); ++j) s += fmt::format("{}[{:.3f},\"{}\"]", j ? "," : "", g.pts[j].first, fmt::format("{:.17g}", g.pts[j].second));
  return s + "]}]}}";
}

TEST(Metrics, RateResultsAreNotReadAsCounters) {
  TempDir d;
  // rate(container_cpu_usage_seconds_total[5m]): 0.3 cores with noise. Read
  // as a counter, each small fall would be a "restart" adding its whole value.
  std::mt19937 rng(5);
  std::normal_distribution<double> n(0, 0.03);
  Gen r;
  for (double s = 0; s <= 6 * 3600; s += kStep) r.pts.emplace_back(kT0 + s, std::max(0.0, 0.3 + n(rng)));
  auto body = prometheus_unnamed(r);
  auto j = run_json(d, body, {"--metric", "container_cpu_usage_seconds_total", "--cpu-limit", "1"});
  auto c = j["series"][0]["cpu"];
  EXPECT_NEAR(c["usage_avg_cores"].get<double>(), 0.3, 0.03) << c.dump();
  EXPECT_NEAR(c["usage_p95_cores"].get<double>(), 0.3, 0.03) << c.dump();
  EXPECT_EQ(c["counter_resets"], 0);
  ASSERT_EQ(c["read_as_rate"].size(), 1u) << c.dump();
  EXPECT_NE(c["read_as_rate"][0].get<std::string>().find("fall"), std::string::npos);
  // Without noise a rate is flat, as an idle counter would be: the query
  // given to --metric says which it is.
  Gen flat;
  for (double s = 0; s <= 6 * 3600; s += kStep) flat.pts.emplace_back(kT0 + s, 0.25);
  auto jf = run_json(d, prometheus_unnamed(flat), {"--metric", "sum by (pod) (rate(container_cpu_usage_seconds_total{namespace=\"shop\"}[5m]))"},
                     nullptr, "flat.json");
  EXPECT_NEAR(jf["series"][0]["cpu"]["usage_avg_cores"].get<double>(), 0.25, 1e-6) << jf["series"].dump();
  // kube-prometheus' recording rule keeps a __name__ that says irate.
  Gen rr = r;
  rr.name = "node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate";
  auto jr = run_json(d, prometheus({rr}), {}, nullptr, "rr.json");
  EXPECT_NEAR(jr["series"][0]["cpu"]["usage_avg_cores"].get<double>(), 0.3, 0.03) << jr["series"].dump();
  EXPECT_NE(jr["series"][0]["cpu"]["read_as_rate"][0].get<std::string>().find("recording rule"), std::string::npos);
  // A raw counter stays a counter.
  auto use = counter("container_cpu_usage_seconds_total", 6, 0.3);
  auto jc = run_json(d, prometheus({use}), {}, nullptr, "c.json");
  EXPECT_NEAR(jc["series"][0]["cpu"]["usage_avg_cores"].get<double>(), 0.3, 0.003);
  EXPECT_EQ(jc["series"][0]["cpu"]["read_as_rate"].size(), 0u);
  // CSV in cores is a rate too.
  std::string csv;
  for (auto& [t, v] : r.pts) csv += fmt::format("{:.0f},{:.0f}m,shop/api-7d9f-x2/api\n", t, v * 1000);
  auto jv = run_json(d, csv, {"--metric", "container_cpu_usage_seconds_total"}, nullptr, "cores.csv");
  EXPECT_NEAR(jv["series"][0]["cpu"]["usage_avg_cores"].get<double>(), 0.3, 0.03) << jv["series"].dump();
  // rate() of a gauge is refused.
  auto p = d.write("g.json", body);
  auto bad = drydock({"metrics", p.string(), "--metric", "rate(container_memory_working_set_bytes[5m])"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("not a counter"), std::string::npos) << bad.err;
  // The query parser.
  auto sp = metrics::spec_of("irate(container_cpu_cfs_throttled_periods_total{pod=~\"api.*\"}[1m])");
  EXPECT_EQ(sp.metric, metrics::Metric::throttled_periods);
  EXPECT_TRUE(sp.rate);
  EXPECT_FALSE(metrics::spec_of("container_cpu_cfs_periods_total").rate);
  EXPECT_FALSE(metrics::spec_of("max_over_time(container_memory_working_set_bytes[1h])").rate);
}

TEST(Metrics, RateOfCfsCountersGivesTheSameRatio) {
  TempDir d;
  // rate() of the CFS counters saved with kube-prometheus-style recording
  // rule names; values vary as real rates do.
  std::mt19937 rng(9);
  std::uniform_real_distribution<double> u(0.8, 1.2);
  Gen per, thr;
  per.name = "pod_container:container_cpu_cfs_periods_total:rate5m";
  thr.name = "pod_container:container_cpu_cfs_throttled_periods_total:rate5m";
  for (double s = 0; s <= 6 * 3600; s += kStep) {
    double k = u(rng);
    per.pts.emplace_back(kT0 + s, 10 * k);
    thr.pts.emplace_back(kT0 + s, 4 * k);
  }
  auto j = run_json(d, prometheus({per, thr}), {"--cpu-limit", "1"});
  ASSERT_TRUE(has(j, "DD8004")) << j["series"].dump(1);
  EXPECT_NEAR(j["series"][0]["cpu"]["throttled_ratio"].get<double>(), 0.4, 0.04);
  EXPECT_EQ(j["series"][0]["cpu"]["read_as_rate"].size(), 2u);
}

TEST(Metrics, SeveralFilesAreJoined) {
  TempDir d;
  // Prometheus answers at most 11,000 points a series: three days at 15 s
  // are saved as three one-day queries whose ends overlap by one sample.
  const double slope = 10 * kMi / 3600;
  auto g = gauge(72, [&](double s) { return 200 * kMi + slope * s; });
  std::vector<std::string> args{"metrics"};
  for (int day = 0; day < 3; ++day) {
    Gen part = g;
    part.pts.clear();
    for (auto& p : g.pts)
      if (p.first >= kT0 + day * 86400 && p.first <= kT0 + (day + 1) * 86400) part.pts.push_back(p);
    args.push_back(d.write(fmt::format("day{}.json", day), prometheus({part})).string());
  }
  Gen lim = gauge(72, [](double) { return 1024 * kMi; }, 0);
  lim.name = "container_spec_memory_limit_bytes";
  args.push_back(d.write("limit.json", prometheus({lim})).string());
  // And the throttling counters in a CSV of their own.
  std::string csv = "timestamp,container_cpu_cfs_periods_total,series\n";
  for (double s = 0; s <= 6 * 3600; s += kStep) csv += fmt::format("{:.0f},{:.0f},shop/api-7d9f-x2/api\n", kT0 + s, 1000 + 10 * s);
  args.push_back(d.write("periods.csv", csv).string());
  args.insert(args.end(), {"--format", "json"});
  auto r = drydock(args);
  ASSERT_TRUE(r.status == 0 || r.status == 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["series"].size(), 1u) << j["series"].dump(1);
  auto m = j["series"][0]["memory"];
  EXPECT_EQ(m["points"], 72 * 240 + 1);  // the overlapping samples once
  EXPECT_EQ(m["limit_bytes"], 1024 * kMi);
  EXPECT_NEAR(m["slope_bytes_per_hour"].get<double>(), 10 * kMi, kMi);
  double expect = (1024 - 200 - 720) * kMi / slope;
  EXPECT_NEAR(m["seconds_until_limit"].get<double>(), expect, 0.1 * expect);
  EXPECT_TRUE(j["series"][0].contains("cpu"));
  // A file that does not parse names itself, whatever its place.
  auto bad = d.write("bad.json", R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{)");
  auto rb = drydock({"metrics", args[1], bad.string(), args[2]});
  EXPECT_EQ(rb.status, 2);
  EXPECT_NE(rb.err.find("bad.json"), std::string::npos) << rb.err;
}

TEST(Metrics, KubeStateMetricsRequestsAndLimits) {
  TempDir d;
  const double slope = 20 * kMi / 3600;
  auto g = gauge(24, [&](double s) { return 300 * kMi + slope * s; });
  auto ksm = [](const char* name, const char* res, const char* unit, double v) {
    Gen x = gauge(24, [v](double) { return v; }, 0);
    x.name = name;
    x.extra = fmt::format(R"(,"resource":"{}","unit":"{}","node":"n1")", res, unit);
    return x;
  };
  auto j = run_json(d,
                    prometheus({g, ksm("kube_pod_container_resource_limits", "memory", "byte", 1024 * kMi),
                                ksm("kube_pod_container_resource_requests", "memory", "byte", 512 * kMi),
                                ksm("kube_pod_container_resource_limits", "cpu", "core", 2),
                                ksm("kube_pod_container_resource_requests", "cpu", "core", 0.5),
                                counter("container_cpu_usage_seconds_total", 24, 0.2)}),
                    {});
  ASSERT_EQ(j["series"].size(), 1u) << j["series"].dump(1);
  auto m = j["series"][0]["memory"];
  EXPECT_EQ(m["limit_bytes"], 1024 * kMi);
  EXPECT_EQ(m["request_bytes"], 512 * kMi);
  // The crossing against the kube-state-metrics limit, as with --limit 1Gi.
  double expect = (1024 - 780) * kMi / slope;
  EXPECT_NEAR(m["seconds_until_limit"].get<double>(), expect, 0.1 * expect);
  auto c = j["series"][0]["cpu"];
  EXPECT_EQ(c["limit_cores"], 2.0);
  EXPECT_EQ(c["request_cores"], 0.5);
  EXPECT_NEAR(c["usage_avg_cores"].get<double>(), 0.2, 0.002);
}

TEST(Metrics, SeriesAreSplitByPodAndContainer) {
  TempDir d;
  const double slope = 30 * kMi / 3600;
  auto leak = gauge(24, [&](double s) { return 200 * kMi + slope * s; }, 4, 1);
  auto side = gauge(24, [](double) { return 64 * kMi; }, 1, 2);
  side.container = "envoy";
  auto other = gauge(24, [](double) { return 300 * kMi; }, 4, 3);
  other.pod = "api-7d9f-k4";
  // cAdvisor's pod-level cgroup (container="") and the pause container.
  auto whole = gauge(24, [&](double s) { return 270 * kMi + slope * s; }, 4, 4);
  whole.container = "";
  auto pause = gauge(24, [](double) { return 1 * kMi; }, 0.01, 5);
  pause.container = "POD";
  auto j = run_json(d, prometheus({leak, side, other, whole, pause}), {"--limit", "1Gi"});
  ASSERT_EQ(j["series"].size(), 3u) << j["series"].dump(1);
  std::map<std::string, bool> leaks;
  for (auto& s : j["series"]) leaks[s["series"]] = s["memory"]["leak"];
  EXPECT_EQ(leaks, (std::map<std::string, bool>{{"shop/api-7d9f-x2/api", true}, {"shop/api-7d9f-x2/envoy", false}, {"shop/api-7d9f-k4/api", false}}));
  size_t leak_findings = 0;
  for (auto& f : j["findings"])
    if (f["rule"] == "DD8001") {
      ++leak_findings;
      EXPECT_EQ(f["location"]["resource"], "Pod/shop/api-7d9f-x2");
      EXPECT_EQ(f["location"]["container"], "api");
    }
  EXPECT_EQ(leak_findings, 1u);
}

// A week at 15 s (40,320 points, the size of the benchmark): the same
// verdicts and numbers as a day.
TEST(Metrics, AWeekOfSamples) {
  TempDir d;
  const double slope = 3 * kMi / 3600;  // 3 MiB/h: 504 MiB over the week
  auto g = gauge(168, [&](double s) { return 300 * kMi + slope * s + 30 * kMi * std::sin(2 * M_PI * s / 86400); }, 4, 7);
  auto j = run_json(d, prometheus({g}), {"--limit", "1Gi"});
  auto m = j["series"][0]["memory"];
  EXPECT_EQ(m["points"], 168 * 240 + 1);
  EXPECT_TRUE(m["leak"].get<bool>()) << m.dump(1);
  EXPECT_NEAR(m["slope_bytes_per_hour"].get<double>(), 3 * kMi, 0.3 * kMi);
  double end = 300 + 3 * 168;  // MiB (the cycle is at 0 at the end)
  double expect = (1024 - end) * kMi / slope;
  EXPECT_NEAR(m["seconds_until_limit"].get<double>(), expect, 0.1 * expect);
  auto flat = gauge(168, [](double s) { return 500 * kMi + 100 * kMi * std::sin(2 * M_PI * s / 86400); }, 8, 8);
  auto jf = run_json(d, prometheus({flat}), {"--limit", "1Gi"}, nullptr, "p.json");
  EXPECT_FALSE(jf["series"][0]["memory"]["leak"].get<bool>()) << jf["series"].dump(1);
  EXPECT_FALSE(has(jf, "DD8003"));
  EXPECT_NEAR(jf["series"][0]["memory"]["median_bytes"].get<double>(), 500 * kMi, 5 * kMi);
  EXPECT_NEAR(jf["series"][0]["memory"]["p95_bytes"].get<double>(), 500 * kMi + 100 * kMi * std::sin(0.45 * M_PI), 5 * kMi);
  // A two-minute spike in the week is found and timed to the sample.
  const double at = 100 * 3600;
  auto sp = gauge(168, [&](double s) { return s >= at && s < at + 120 ? 900 * kMi : 400 * kMi; }, 4, 9);
  auto js = run_json(d, prometheus({sp}), {"--limit", "1Gi"}, nullptr, "s.json");
  ASSERT_EQ(js["series"][0]["memory"]["spikes"].size(), 1u) << js["series"].dump(1);
  EXPECT_EQ(js["series"][0]["memory"]["spikes"][0]["start"], metrics::format_time(kT0 + at));
  EXPECT_FALSE(js["series"][0]["memory"]["leak"].get<bool>());
}

void expect_bad(const TempDir& d, const std::string& file, const std::string& body, const std::string& needle,
                std::vector<std::string> extra = {}) {
  auto p = d.write(file, body);
  std::vector<std::string> args{"metrics", p.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = drydock(args);
  EXPECT_EQ(r.status, 2) << file << ": " << r.out << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  if (extra.empty()) EXPECT_NE(r.err.find(file), std::string::npos) << r.err;
}

TEST(Metrics, BadInputExitsTwoWithOneLine) {
  TempDir d;
  expect_bad(d, "empty.json",
             R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"container_memory_working_set_bytes","pod":"a","container":"b"},"values":[]}]}})",
             "no samples");
  expect_bad(d, "none.json", R"({"status":"success","data":{"resultType":"matrix","result":[]}})", "no series");
  expect_bad(d, "nan.json",
             R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"container_memory_working_set_bytes"},"values":[[1714557600,"12abc"]]}]}})",
             "not a number");
  expect_bad(d, "vector.json", R"({"status":"success","data":{"resultType":"vector","result":[]}})", "query_range");
  expect_bad(d, "cut.json", R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{)", "end of file");
  expect_bad(d, "noname.json",
             R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"pod":"a"},"values":[[1714557600,"1"]]}]}})",
             "--metric");
  expect_bad(d, "mixed.csv", "1714557600,512Mi\n1714557615,250m\n", "mixed units");
  expect_bad(d, "text.csv", "1714557600,512\n1714557615,lots\n", "not a number");
  expect_bad(d, "ts.csv", "1714557600,512\nyesterday,513\n", "timestamp");
  expect_bad(d, "empty.csv", "", "empty");
  expect_bad(d, "ok.csv", "1714557600,512\n", "--limit", {"--limit", "lots"});
}

TEST(Metrics, ManifestNamesTheLinesToChange) {
  TempDir d;
  auto g = gauge(24, [](double s) { return 700 * kMi + 40 * kMi * std::sin(s / 3000); }, 4);
  auto man = d.write("deploy.yaml",
                     "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api-7d9f\n  namespace: shop\nspec:\n  template:\n    spec:\n"
                     "      containers:\n      - name: api\n        image: shop/api:1.4\n        resources:\n          requests:\n"
                     "            memory: 512Mi\n          limits:\n            memory: 768Mi\n");
  auto j = run_json(d, prometheus({g}), {"--limit", "768Mi", "--manifest", man.string()});
  ASSERT_TRUE(has(j, "DD8005")) << j.dump(1);
  for (auto& f : j["findings"])
    if (f["rule"] == "DD8005") {
      EXPECT_EQ(f["location"]["file"], man.string());
      EXPECT_EQ(f["location"]["line"], 12);
      EXPECT_EQ(f["location"]["resource"], "Deployment/shop/api-7d9f");
      std::string msg = f["message"];
      EXPECT_NE(msg.find("line 16: limits.memory: 768Mi -> "), std::string::npos) << msg;
      EXPECT_NE(msg.find("line 14: requests.memory: 512Mi -> "), std::string::npos) << msg;
      EXPECT_NE(f["fix"].get<std::string>().find("resources:\n  requests:\n    memory: "), std::string::npos);
    }
}

TEST(Metrics, ManifestPicksTheWorkloadOfThePod) {
  TempDir d;
  auto g = gauge(24, [](double s) { return 700 * kMi + 40 * kMi * std::sin(s / 3000); }, 4);
  // Three workloads with a container "api": another namespace, a name the
  // pod does not start with, and the pod's own Deployment without resources.
  auto man = d.write("all.yaml",
                     "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api-7d9f\n  namespace: staging\nspec:\n  template:\n"
                     "    spec:\n      containers:\n      - name: api\n        image: shop/api:1.4\n"
                     "        resources:\n          limits:\n            memory: 2Gi\n"
                     "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  template:\n"
                     "    spec:\n      containers:\n      - name: api\n        image: shop/api:1.4\n"
                     "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api-7d9f\n  namespace: shop\nspec:\n  template:\n"
                     "    spec:\n      containers:\n      - name: api\n        image: shop/api:1.4\n");
  auto j = run_json(d, prometheus({g}), {"--limit", "768Mi", "--manifest", man.string()});
  ASSERT_TRUE(has(j, "DD8005")) << j.dump(1);
  for (auto& f : j["findings"])
    if (f["rule"] == "DD8005") {
      EXPECT_EQ(f["location"]["resource"], "Deployment/shop/api-7d9f");
      EXPECT_EQ(f["location"]["line"], 37);  // its `- name: api` line
      std::string msg = f["message"];
      EXPECT_NE(msg.find("container api (line 37) has no resources: block: add requests.memory: "), std::string::npos) << msg;
      EXPECT_NE(msg.find("add limits.memory: "), std::string::npos) << msg;
    }
  // A directory is read as kubectl apply -f reads it: findings name the file.
  auto jd = run_json(d, prometheus({g}), {"--limit", "768Mi", "--manifest", d.path().string()}, nullptr, "q4.json");
  bool pointed = false;
  for (auto& f : jd["findings"])
    if (f["rule"] == "DD8005") {
      pointed = true;
      EXPECT_EQ(f["location"]["file"], man.string());
    }
  EXPECT_TRUE(pointed) << jd.dump(1);
  // A missing file is exit 2.
  auto r = drydock({"metrics", d.write("q2.json", prometheus({g})).string(), "--limit", "768Mi", "--manifest", (d.path() / "nope.yaml").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("nope.yaml"), std::string::npos) << r.err;
  auto bad = d.write("bad.yaml", "kind: Deployment\n  - : [\n");
  auto rb = drydock({"metrics", d.write("q3.json", prometheus({g})).string(), "--manifest", bad.string()});
  EXPECT_EQ(rb.status, 2);
  EXPECT_EQ(std::count(rb.err.begin(), rb.err.end(), '\n'), 1) << rb.err;
  EXPECT_NE(rb.err.find("bad.yaml"), std::string::npos) << rb.err;
}

TEST(Metrics, SvgIsWellFormedAndDraws) {
  TempDir d;
  const double slope = 20 * kMi / 3600;
  auto g = gauge(24, [&](double s) { return 300 * kMi + slope * s; });
  auto p = d.write("q.json", prometheus({g}));
  auto svg = d.path() / "plot.svg";
  auto r = drydock({"metrics", p.string(), "--limit", "1Gi", "--svg", svg.string()});
  ASSERT_EQ(r.status, 1) << r.err;
  // Well-formed XML holding the series, trend, limit, crossing, ticks, legend, title.
  auto check = run({"python3", "-c",
                    "import sys, xml.dom.minidom as m\n"
                    "d = m.parse(sys.argv[1])\n"
                    "cls = lambda e: [x for x in d.getElementsByTagName(e) if x.getAttribute('class')]\n"
                    "names = sorted({x.getAttribute('class') for e in ('polyline','line','circle','text','g') for x in cls(e)})\n"
                    "print(' '.join(names))\n"
                    "print(len([t for t in d.getElementsByTagName('text') if t.getAttribute('class')=='xtick']),\n"
                    "      len([t for t in d.getElementsByTagName('text') if t.getAttribute('class')=='ytick']))\n",
                    svg.string()});
  ASSERT_EQ(check.status, 0) << check.err;
  for (const char* c : {"series", "trend", "limit", "crossing", "crossing-label", "legend", "title", "doc-title", "xtick", "ytick"})
    EXPECT_NE(check.out.find(c), std::string::npos) << c << " in " << check.out;
  std::istringstream counts(check.out.substr(check.out.find('\n') + 1));
  int xt = 0, yt = 0;
  counts >> xt >> yt;
  EXPECT_GE(xt, 3);
  EXPECT_GE(yt, 3);
  auto text = read_text(svg);
  auto jr = nlohmann::json::parse(drydock({"metrics", p.string(), "--limit", "1Gi", "--format", "json"}).out);
  EXPECT_NE(text.find("OOM at " + jr["series"][0]["memory"]["limit_reached_at"].get<std::string>()), std::string::npos);
  // Renders: a PNG with many pixels that are not the white background.
  auto png = d.path() / "plot.png";
  auto rs = run({"rsvg-convert", "-o", png.string(), svg.string()});
  if (rs.status == 127 || rs.status == 255) GTEST_SKIP() << "rsvg-convert is missing: scripts/install-deps.sh installs librsvg2-bin";
  ASSERT_EQ(rs.status, 0) << rs.err;
  auto px = run({"python3", "-c",
                 "import sys, zlib, struct\n"
                 "b = open(sys.argv[1], 'rb').read()\n"
                 "assert b[:8] == b'\\x89PNG\\r\\n\\x1a\\n'\n"
                 "i, idat, w, h = 8, b'', 0, 0\n"
                 "while i < len(b):\n"
                 "  n, t = struct.unpack('>I4s', b[i:i+8]); c = b[i+8:i+8+n]; i += 12 + n\n"
                 "  if t == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', c[:10]); assert depth == 8 and ctype in (2, 6)\n"
                 "  if t == b'IDAT': idat += c\n"
                 "raw = zlib.decompress(idat); bpp = 4 if ctype == 6 else 3; stride = w * bpp; prev = bytearray(stride); other = 0; p = 0\n"
                 "for y in range(h):\n"
                 "  f = raw[p]; line = bytearray(raw[p+1:p+1+stride]); p += 1 + stride\n"
                 "  for x in range(stride):\n"
                 "    a = line[x-bpp] if x >= bpp else 0; up = prev[x]; c = prev[x-bpp] if x >= bpp else 0\n"
                 "    if f == 1: line[x] = (line[x] + a) & 255\n"
                 "    elif f == 2: line[x] = (line[x] + up) & 255\n"
                 "    elif f == 3: line[x] = (line[x] + (a + up) // 2) & 255\n"
                 "    elif f == 4:\n"
                 "      pa, pb, pc = abs(up - c), abs(a - c), abs(a + up - 2 * c)\n"
                 "      line[x] = (line[x] + (a if pa <= pb and pa <= pc else up if pb <= pc else c)) & 255\n"
                 "  for x in range(0, stride, bpp):\n"
                 "    if (bpp == 3 or line[x+3] > 0) and (line[x], line[x+1], line[x+2]) != (255, 255, 255): other += 1\n"
                 "  prev = line\n"
                 "print(w, h, other)\n",
                 png.string()});
  ASSERT_EQ(px.status, 0) << px.err;
  std::istringstream in(px.out);
  int w = 0, h = 0, other = 0;
  in >> w >> h >> other;
  EXPECT_GE(w, 900);
  EXPECT_GE(h, 300);
  EXPECT_GT(other, 5000) << px.out;  // lines, text and the series drawn
}

TEST(Metrics, SarifAndTextFormats) {
  TempDir d;
  auto g = gauge(24, [&](double s) { return 300 * kMi + 20 * kMi / 3600 * s; });
  auto p = d.write("q.json", prometheus({g}));
  auto t = drydock({"metrics", p.string(), "--limit", "1Gi", "--no-color"});
  EXPECT_EQ(t.status, 1) << t.err;
  EXPECT_NE(t.out.find("DD8001"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("shop/api-7d9f-x2/api:"), std::string::npos) << t.out;
  auto s = drydock({"metrics", p.string(), "--limit", "1Gi", "--format", "sarif"});
  auto v = validate_sarif(s.out);
  if (sarif_schema().empty()) GTEST_SKIP() << "SARIF schema missing";
  EXPECT_EQ(v.status, 0) << v.out << v.err;
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

// The scanner's fast path (plain decimals lying in the buffer) and its
// general path (exponents, quoted timestamps, spaces, 17 digits, NaN, points
// across the 1 MiB buffer end) give exactly the doubles from_chars gives.
TEST(Metrics, EveryNumberFormReadsAsFromChars) {
  std::mt19937 rng(11);
  std::string body = R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"container_memory_working_set_bytes","pod":"p","container":"c"},"values":[)";
  std::vector<double> want_t, want_v;
  auto parse = [](const std::string& s) {
    double d = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), d);
    EXPECT_TRUE(r.ec == std::errc() && r.ptr == s.data() + s.size()) << s;
    return d;
  };
  const size_t n = 120000;  // about 3 MB: several buffer ends fall inside points
  for (size_t i = 0; i < n; ++i) {
    std::string ts = fmt::format("{:.3f}", kT0 + 15.0 * static_cast<double>(i) + (rng() % 1000) / 1000.0);
    std::string vs;
    switch (rng() % 8) {
      case 0: vs = fmt::format("{}", rng() % 4000000000u); break;
      case 1: vs = fmt::format("{:.17g}", std::ldexp(static_cast<double>(rng()), -7)); break;
      case 2: vs = fmt::format("{:e}", static_cast<double>(rng())); break;
      case 3: vs = fmt::format("-{}.{:04}", rng() % 100000, rng() % 10000); break;
      case 4: vs = fmt::format("0.{:06}", rng() % 1000000); break;
      case 5: vs = "NaN"; break;
      default: vs = fmt::format("{}.{}", rng() % 1000000000000u, rng() % 1000); break;
    }
    bool quoted_ts = rng() % 16 == 0, spaces = rng() % 16 == 0;
    std::string sp = spaces ? " " : "";
    body += fmt::format("{}[{}{}{}{},{}\"{}\"{}]", i ? "," : "", sp, quoted_ts ? "\"" : "", ts, quoted_ts ? "\"" : "", sp, vs, sp);
    if (vs == "NaN") continue;
    want_t.push_back(parse(ts));
    want_v.push_back(parse(vs));
  }
  body += "]}]}}";
  std::istringstream in(body);
  auto series = metrics::read_prometheus(in, "q.json", {});
  ASSERT_EQ(series.size(), 1u);
  ASSERT_EQ(series[0].t.size(), want_t.size());
  size_t bad = 0;
  for (size_t i = 0; i < want_t.size(); ++i)
    if (series[0].t[i] != want_t[i] || series[0].v[i] != want_v[i]) {
      if (++bad <= 5) ADD_FAILURE() << "point " << i << ": " << series[0].t[i] << "," << series[0].v[i] << " != " << want_t[i] << "," << want_v[i];
    }
  EXPECT_EQ(bad, 0u);
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

bool same_series(const std::vector<metrics::Series>& a, const std::vector<metrics::Series>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].key != b[i].key || a[i].metric != b[i].metric || a[i].t != b[i].t || a[i].v != b[i].v) return false;
  return true;
}

// read_file splits a large file between series and reads the parts on
// several threads: the series are those of a serial read, whatever the file
// holds where the split falls; a split that lands where no element begins
// falls back to one piece, and bad input gives the serial read's error.
TEST(Metrics, ParallelReadIsTheSerialRead) {
  TempDir d;
  metrics::ReadOptions par;
  par.parallel_min_bytes = 0;
  auto serial = [](const std::string& body) {
    std::istringstream in(body);
    return metrics::read_prometheus(in, "x", {});
  };
  std::vector<Gen> gs;
  for (int i = 0; i < 60; ++i) {
    auto g = gauge(2, [i](double s) { return (100 + i) * kMi + s; }, 1, static_cast<unsigned>(i));
    g.pod = fmt::format("p-{}", i);
    if (i % 7 == 0) g.extra = R"(,"note":"a,{\"metric\":{} inside a label")";
    if (i % 11 == 0) g.name = "node_cpu_seconds_total";  // not ours: skipped
    gs.push_back(g);
  }
  std::string body = prometheus(gs);
  auto p = d.write("many.json", body);
  auto a = metrics::read_file(p.string(), par);
  auto b = serial(body);
  EXPECT_EQ(a.size(), 54u);
  EXPECT_TRUE(same_series(a, b));
  // One series, then `,{"metric":` after the result array: the split falls
  // there, the first part closes the array before it, and the file is read
  // again in one piece.
  std::string one = prometheus({gauge(6, [](double s) { return 200 * kMi + s; })});
  one.insert(one.size() - 1, R"(,"extra":[0,{"metric":{"__name__":"container_memory_working_set_bytes"},"values":[[1,"2"]]}])");
  auto p1 = d.write("one.json", one);
  auto c = metrics::read_file(p1.string(), par);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_TRUE(same_series(c, serial(one)));
  // A bad value in the second half: the serial read's message.
  std::string bad = body;
  auto at = bad.rfind("\"]");
  bad.replace(at - 3, 3, "x1y");
  auto p2 = d.write("bad.json", bad);
  std::string want, got;
  try {
    std::ifstream in(p2, std::ios::binary);
    metrics::read_prometheus(in, p2.string(), {});
  } catch (const dd::InputError& e) {
    want = e.what();
  }
  try {
    metrics::read_file(p2.string(), par);
  } catch (const dd::InputError& e) {
    got = e.what();
  }
  EXPECT_FALSE(want.empty());
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

// Every way of reading one JSON text: a stream and a file, the file read
// serially and split between threads (1 MiB buffers: points fall across
// buffer ends), each with the fast path over plain points and without it.
std::vector<std::vector<metrics::Series>> every_read(const TempDir& d, const std::string& body) {
  auto p = d.write("tricky.json", body);
  std::vector<std::vector<metrics::Series>> out;
  for (bool fast : {true, false}) {
    metrics::ReadOptions o;
    o.fast_points = fast;
    std::istringstream in(body);
    out.push_back(metrics::read_prometheus(in, p.string(), o));
    o.parallel_min_bytes = UINT64_MAX;  // one thread
    out.push_back(metrics::read_file(p.string(), o));
    o.parallel_min_bytes = 0;  // split between series
    out.push_back(metrics::read_file(p.string(), o));
  }
  return out;
}

std::vector<std::string> every_error(const TempDir& d, const std::string& body) {
  std::vector<std::string> out;
  auto p = d.write("bad.json", body);
  for (bool fast : {true, false})
    for (int how = 0; how < 3; ++how) {
      metrics::ReadOptions o;
      o.fast_points = fast;
      o.parallel_min_bytes = how == 2 ? 0 : UINT64_MAX;
      try {
        if (how == 0) {
          std::istringstream in(body);
          metrics::read_prometheus(in, p.string(), o);
        } else {
          metrics::read_file(p.string(), o);
        }
        out.push_back("no error");
      } catch (const dd::InputError& e) {
        out.push_back(e.what());
      }
    }
  return out;
}

// The fast path (plain `[ts,"v"]` points, scanned in place) and the general
// path (tokens and from_chars) give identical series on what Prometheus, jq
// and hand edits write: exponents, "NaN" (a stale or empty sample: left
// out), a leading '+', integer and quoted timestamps, unicode and escaped
// labels, spaces, tabs and CRLF between tokens; and the same one-line error
// for "+Inf", "-Inf" and a value that is not a number.
TEST(Metrics, FastPathReadsWhatTheGeneralPathReads) {
  TempDir d;
  std::mt19937 rng(5);
  auto parse = [](std::string s) {
    if (!s.empty() && s[0] == '+') s.erase(0, 1);
    double x = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), x);
    EXPECT_TRUE(r.ec == std::errc() && r.ptr == s.data() + s.size()) << s;
    return x;
  };
  // Series 0: labels that need decoding, pretty-printed with CRLF and tabs.
  // Series 1 and 2: compact, 60,000 points of every number form (2 MB:
  // stream buffer ends and a thread split fall inside them).
  std::string body = "{\r\n\t\"status\" : \"success\",\r\n\t\"data\" : {\r\n\t\t\"resultType\" : \"matrix\",\r\n\t\t\"result\" : [\r\n";
  body += "\t\t\t{ \"metric\" : { \"__name__\" : \"container_memory_working_set_bytes\", \"namespace\" : \"caf\\u00e9\", "
          "\"pod\" : \"api-\\\"quoted\\\"-\xe5\x90\x8d\", \"container\" : \"c\\\\d\\ud83d\\ude00\" },\r\n\t\t\t  \"values\" : [\r\n";
  std::vector<std::vector<std::pair<double, double>>> want(3);
  const std::vector<std::string> pretty_values = {"1.5e9", "3E+08", "NaN", "+2048", "7.25e-1", "104857600", "NaN", "1e2"};
  for (size_t i = 0; i < pretty_values.size(); ++i) {
    std::string ts = i % 2 ? fmt::format("\"{}\"", kT0 + 15.0 * static_cast<double>(i)) : fmt::format("{:.3f}", kT0 + 15.0 * static_cast<double>(i));
    body += fmt::format("{}\t\t\t\t[ {} ,\t\"{}\" ]", i ? ",\r\n" : "", ts, pretty_values[i]);
    if (pretty_values[i] != "NaN") want[0].emplace_back(kT0 + 15.0 * static_cast<double>(i), parse(pretty_values[i]));
  }
  body += "\r\n\t\t\t  ]\r\n\t\t\t}";
  for (size_t k = 1; k <= 2; ++k) {
    body += fmt::format(R"(,{{"metric":{{"__name__":"container_memory_working_set_bytes","pod":"p{}","container":"c"}},"values":[)", k);
    for (size_t i = 0; i < 60000; ++i) {
      double t = kT0 + 15.0 * static_cast<double>(i);
      std::string ts = rng() % 5 == 0 ? fmt::format("{}", static_cast<int64_t>(t)) : rng() % 7 == 0 ? fmt::format("{:.6e}", t) : fmt::format("{:.3f}", t);
      std::string vs;
      switch (rng() % 10) {
        case 0: vs = fmt::format("{:e}", static_cast<double>(rng())); break;
        case 1: vs = fmt::format("{}E{}", rng() % 1000, rng() % 7); break;
        case 2: vs = "NaN"; break;
        case 3: vs = fmt::format("+{}", rng() % 100000); break;
        case 4: vs = fmt::format("{:.17g}", std::ldexp(static_cast<double>(rng()), -9)); break;
        case 5: vs = "0"; break;
        default: vs = fmt::format("{}.{}", rng() % 4000000000u, rng() % 100); break;
      }
      std::string sp = rng() % 32 == 0 ? " " : "";
      body += fmt::format("{}{}[{}{},{}\"{}\"]", i ? "," : "", sp, ts, sp, sp, vs);
      if (vs != "NaN") want[k].emplace_back(parse(ts), parse(vs));
    }
    body += "]}";
  }
  body += "\r\n\t\t]\r\n\t}\r\n}\r\n";
  auto reads = every_read(d, body);
  for (size_t r = 0; r < reads.size(); ++r) {
    SCOPED_TRACE("read " + std::to_string(r));
    ASSERT_EQ(reads[r].size(), 3u);
    EXPECT_EQ(reads[r][0].key.ns, "caf\xc3\xa9");
    EXPECT_EQ(reads[r][0].key.pod, "api-\"quoted\"-\xe5\x90\x8d");
    EXPECT_EQ(reads[r][0].key.container, "c\\d\xf0\x9f\x98\x80");
    for (size_t k = 0; k < 3; ++k) {
      const auto& s = reads[r][k];
      ASSERT_EQ(s.t.size(), want[k].size()) << k;
      size_t bad = 0;
      for (size_t i = 0; i < s.t.size(); ++i)
        if (s.t[i] != want[k][i].first || s.v[i] != want[k][i].second)
          if (++bad <= 3) ADD_FAILURE() << "series " << k << " point " << i << ": " << s.t[i] << "," << s.v[i];
      EXPECT_EQ(bad, 0u);
    }
    EXPECT_TRUE(same_series(reads[r], reads[0]));
  }
  // Bad values: every path stops at the same byte with the same line.
  std::string good = prometheus({gauge(2, [](double) { return 300 * kMi; })});
  for (std::string v : {"+Inf", "-Inf", "12abc", "0x10", ""}) {
    std::string bad = good;
    auto at = bad.find("\"]", bad.size() / 2);
    auto q = bad.rfind('"', at - 1);
    bad.replace(q + 1, at - q - 1, v);
    auto errs = every_error(d, bad);
    SCOPED_TRACE(v);
    EXPECT_NE(errs[0].find(v.empty() ? "not a number" : v), std::string::npos) << errs[0];
    EXPECT_NE(errs[0].find("(byte "), std::string::npos) << errs[0];
    EXPECT_EQ(errs[0].find('\n'), std::string::npos);
    for (auto& e : errs) EXPECT_EQ(e, errs[0]);
  }
}

}  // namespace
}  // namespace dd::test
