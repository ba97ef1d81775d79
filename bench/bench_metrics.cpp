// drydock metrics at scale: a week of 15-second samples (40,320 points) for
// 1,000 series, written as one Prometheus query_range JSON file, then read
// (streamed) and analysed. Prints the figures: wall time, and the CPU time
// of the process and of the main thread for each phase. On a loaded machine
// the wall time says little; on an idle one each phase takes about the
// larger of its main thread's CPU time and the process's CPU time divided by
// the cores (the work is split evenly between threads).
//   build/bench/bench_metrics [SERIES] [POINTS] [FILE]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include <sys/resource.h>
#include <time.h>

#include "metrics/analyze.h"
#include "metrics/series.h"

namespace {

double process_cpu() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return sec(u.ru_utime) + sec(u.ru_stime);
}
double thread_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  size_t series = argc > 1 ? std::stoul(argv[1]) : 1000;
  size_t points = argc > 2 ? std::stoul(argv[2]) : 40320;
  std::string file = argc > 3 ? argv[3] : "/tmp/drydock-bench-metrics.json";
  namespace fs = std::filesystem;
  std::string tag = file + "." + std::to_string(series) + "x" + std::to_string(points);
  if (!fs::exists(tag)) {
    std::FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) return 2;
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0, 4 << 20);
    std::fputs("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[", f);
    for (size_t s = 0; s < series; ++s) {
      std::fprintf(f, "%s{\"metric\":{\"__name__\":\"container_memory_working_set_bytes\",\"namespace\":\"ns%zu\",\"pod\":\"app-%zu\",\"container\":\"app\"},\"values\":[",
                   s ? "," : "", s % 10, s);
      double slope = (s % 3 == 0) ? 2.0 * (1 << 20) / 3600 : 0;  // a third leak
      for (size_t i = 0; i < points; ++i) {
        double t = 1714557600 + 15.0 * static_cast<double>(i);
        double v = 300.0 * (1 << 20) + slope * 15.0 * static_cast<double>(i) + 50.0 * (1 << 20) * std::sin(static_cast<double>(i) / 5760.0 * 6.283) + noise(rng);
        std::fprintf(f, "%s[%.3f,\"%.0f\"]", i ? "," : "", t, v);
      }
      std::fputs("]}", f);
    }
    std::fputs("]}}", f);
    std::fclose(f);
    std::ofstream(tag) << "ok";
  }
  auto bytes = fs::file_size(file);
  double p0 = process_cpu(), m0 = thread_cpu();
  auto t0 = std::chrono::steady_clock::now();
  auto s = dd::metrics::read_file(file, {});
  auto t1 = std::chrono::steady_clock::now();
  double p1 = process_cpu(), m1 = thread_cpu();
  auto cs = dd::metrics::analyze(std::move(s), {std::optional<double>(1024.0 * (1 << 20)), std::nullopt});
  auto fs_ = dd::metrics::findings(cs);
  auto t2 = std::chrono::steady_clock::now();
  double p2 = process_cpu(), m2 = thread_cpu();
  double rd = std::chrono::duration<double>(t1 - t0).count(), an = std::chrono::duration<double>(t2 - t1).count();
  size_t leaks = 0;
  for (auto& c : cs) leaks += c.memory && c.memory->leak;
  std::printf("%zu series x %zu points (%.0f MB JSON): read %.3f s (%.0f MB/s), analyse %.3f s, total %.3f s; %zu leaks, %zu findings\n",
              series, points, static_cast<double>(bytes) / 1e6, rd, static_cast<double>(bytes) / 1e6 / rd, an, rd + an, leaks, fs_.size());
  double cores = std::max(1u, std::thread::hardware_concurrency());
  double idle_rd = std::max(m1 - m0, (p1 - p0) / cores), idle_an = std::max(m2 - m1, (p2 - p1) / cores);
  std::printf("CPU: read %.3f s (main thread %.3f s), analyse %.3f s (main thread %.3f s); idle %g-core estimate %.3f s\n", p1 - p0,
              m1 - m0, p2 - p1, m2 - m1, cores, idle_rd + idle_an);
  return 0;
}
