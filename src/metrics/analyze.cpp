#include "metrics/analyze.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <atomic>
#include <numeric>
#include <thread>

#include "core/error.h"
#include "core/registry.h"
#include "knowledge/quantity.h"

namespace dd::metrics {

namespace {

constexpr double kWindow = 300;          // seconds: the 5-minute windows of rate()
constexpr double kMaxGap = 600;          // a longer gap between samples is not differenced
constexpr double kThrottleHigh = 0.25;   // kube-prometheus' CPUThrottlingHigh threshold
constexpr double kMi = 1048576.0;

// The k-th smallest of a[0..n) (exactly what nth_element gives), without
// copying or reordering the whole range: a strided sample brackets the rank,
// one pass counts what lies below the bracket and gathers what lies inside
// it, and nth_element runs on that few percent. Falls back to a full copy
// when the bracket misses (it never changes the result, only the cost).
double select_k(const double* a, size_t n, size_t k) {
  if (n < 16384) {  // nth_element on a copy is cheaper than the bracket below this
    std::vector<double> w(a, a + n);
    std::nth_element(w.begin(), w.begin() + static_cast<long>(k), w.end());
    return w[k];
  }
  constexpr size_t S = 1024, D = 96;  // sample size; rank margin in the sample
  double sample[S];
  for (size_t i = 0; i < S; ++i) sample[i] = a[i * n / S + (n / S) / 2];
  std::sort(sample, sample + S);
  size_t sk = k * S / n;
  double lo = sample[sk > D ? sk - D : 0], hi = sample[std::min(S - 1, sk + D)];
  bool open_lo = sk <= D, open_hi = sk + D >= S - 1;
  std::vector<double> in;
  in.reserve(n / 8);
  size_t below = 0;
  for (size_t i = 0; i < n; ++i) {
    double x = a[i];
    if (!open_lo && x < lo) ++below;
    else if (open_hi || x <= hi) in.push_back(x);
  }
  if (k >= below && k - below < in.size()) {
    std::nth_element(in.begin(), in.begin() + static_cast<long>(k - below), in.end());
    return in[k - below];
  }
  std::vector<double> w(a, a + n);
  std::nth_element(w.begin(), w.begin() + static_cast<long>(k), w.end());
  return w[k];
}

double median_of(const std::vector<double>& v) {
  if (v.empty()) return 0;
  return select_k(v.data(), v.size(), v.size() / 2);
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size()))) ;
  k = k == 0 ? 0 : k - 1;
  k = std::min(k, v.size() - 1);
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

double mad(const std::vector<double>& v, double med) {
  std::vector<double> d(v.size());
  for (size_t i = 0; i < v.size(); ++i) d[i] = std::fabs(v[i] - med);
  return median_of(d);
}

// Exact order statistics of a[0..n) for the ranks r[0..k) (each what
// nth_element gives), in two passes and without a copy of the range: a
// histogram of 4,096 equal bins between mn and mx (the range's min and max)
// finds the bin of each rank, a second pass gathers those bins only, and
// nth_element runs inside them. Bins keep the order because rounding is
// monotonic: x <= y gives bin(x) <= bin(y).
void order_stats(const double* a, size_t n, double mn, double mx, const size_t* r, double* out, size_t k) {
  if (n < 4096 || !(mx > mn)) {
    if (!(mx > mn)) {
      for (size_t i = 0; i < k; ++i) out[i] = mn;
      return;
    }
    std::vector<double> w(a, a + n);
    for (size_t i = 0; i < k; ++i) {
      std::nth_element(w.begin(), w.begin() + static_cast<long>(r[i]), w.end());
      out[i] = w[r[i]];
    }
    return;
  }
  constexpr size_t B = 4096;
  const double scale = static_cast<double>(B) / (mx - mn);
  auto bin = [&](double x) { return std::min(B - 1, static_cast<size_t>((x - mn) * scale)); };
  std::vector<uint32_t> count(B, 0);
  for (size_t i = 0; i < n; ++i) ++count[bin(a[i])];
  std::vector<int16_t> slot(B, -1);  // bin -> gathered group
  std::vector<size_t> base(k), group(k);
  std::vector<size_t> gbin;
  for (size_t q = 0; q < k; ++q) {
    size_t below = 0, b = 0;
    while (below + count[b] <= r[q]) below += count[b++];
    if (slot[b] < 0) slot[b] = static_cast<int16_t>(gbin.size()), gbin.push_back(b);
    group[q] = static_cast<size_t>(slot[b]);
    base[q] = below;
  }
  std::vector<std::vector<double>> g(gbin.size());
  for (size_t j = 0; j < gbin.size(); ++j) g[j].reserve(count[gbin[j]]);
  for (size_t i = 0; i < n; ++i)
    if (int s = slot[bin(a[i])]; s >= 0) g[static_cast<size_t>(s)].push_back(a[i]);
  for (size_t q = 0; q < k; ++q) {
    auto& w = g[group[q]];
    size_t at = r[q] - base[q];
    std::nth_element(w.begin(), w.begin() + static_cast<long>(at), w.end());
    out[q] = w[at];
  }
}

// Above this many points, the residuals' median and MAD come from an even
// subsample of kSub points (their standard error is then about 2%): they
// set thresholds, and no threshold is that close to a verdict.
constexpr size_t kExact = 8192, kSub = 4096;

std::string dur(double s) {
  if (s < 0) s = 0;
  long m = std::lround(s / 60);
  if (m < 60) return fmt::format("{}m", m);
  long h = m / 60;
  if (h < 48) return fmt::format("{}h {}m", h, m % 60);
  return fmt::format("{}d {}h", h / 24, h % 24);
}

std::string bytes(double b) { return kb::human_bytes(static_cast<int64_t>(std::llround(b))); }
std::string cores(double c) { return fmt::format("{:.2f} cores", c); }

}  // namespace

namespace {

// Theil–Sen on `m` bucket medians; each bucket's median is taken over at
// most `cap` of its points, evenly spaced (all of them when the bucket is
// that small). R² (against every point) only when asked.
Trend fit(const double* t, const double* v, size_t n, size_t cap, bool r2, size_t buckets = 120) {
  Trend tr;
  if (n == 0) return tr;
  tr.t0 = t[0];
  const size_t m = std::min<size_t>({n, buckets, 120});
  double bt[120], bv[120];
  size_t nb = 0;
  std::vector<double> tmp;
  tmp.reserve(cap);
  for (size_t b = 0; b < m; ++b) {
    size_t lo = b * n / m, hi = (b + 1) * n / m;
    if (hi <= lo) continue;
    size_t len = hi - lo;
    tmp.clear();
    if (len <= cap) tmp.assign(v + lo, v + hi);
    else
      for (size_t j = 0; j < cap; ++j) tmp.push_back(v[lo + j * len / cap]);
    std::nth_element(tmp.begin(), tmp.begin() + static_cast<long>(tmp.size() / 2), tmp.end());
    bv[nb] = tmp[tmp.size() / 2];
    bt[nb] = (t[lo] + t[hi - 1]) / 2 - tr.t0;
    ++nb;
  }
  std::vector<double> slopes;
  slopes.reserve(nb * nb / 2);
  for (size_t i = 0; i < nb; ++i)
    for (size_t j = i + 1; j < nb; ++j)
      if (bt[j] > bt[i]) slopes.push_back((bv[j] - bv[i]) / (bt[j] - bt[i]));
  tr.slope = slopes.empty() ? 0 : median_of(slopes);
  tmp.resize(nb);
  for (size_t i = 0; i < nb; ++i) tmp[i] = bv[i] - tr.slope * bt[i];
  tr.intercept = median_of(tmp);
  if (!r2) return tr;
  // One pass: the mean and both sums of squares (about the mean by the
  // shifted form, exact enough for an R²).
  double sum = 0, sum2 = 0, ss_res = 0, shift = v[0];
  for (size_t i = 0; i < n; ++i) {
    double x = v[i] - shift, r = v[i] - tr.at(t[i]);
    sum += x;
    sum2 += x * x;
    ss_res += r * r;
  }
  double ss_tot = sum2 - sum * sum / static_cast<double>(n);
  tr.r2 = ss_tot > 0 ? std::max(0.0, 1 - ss_res / ss_tot) : 0;
  return tr;
}

}  // namespace

Trend theil_sen(const double* t, const double* v, size_t n) { return fit(t, v, n, 64, true); }

double counter_increase(const double* v, size_t n, size_t* resets) {
  double inc = 0;
  for (size_t i = 1; i < n; ++i) {
    double d = v[i] - v[i - 1];
    if (d < 0) {
      d = v[i];  // the counter restarted from zero
      if (resets) ++*resets;
    }
    inc += d;
  }
  return inc;
}

std::optional<std::string> not_a_counter(const Series& s) {
  const auto& v = s.v;
  size_t n = v.size();
  if (n < 3) return std::nullopt;
  size_t falls = 0, small_falls = 0, fractions = 0;
  for (size_t i = 1; i < n; ++i)
    if (v[i] < v[i - 1]) {
      ++falls;
      // A restart begins again near zero; a rate wanders down a little.
      if (v[i] >= 0.5 * v[i - 1]) ++small_falls;
    }
  bool whole = s.metric == Metric::throttled_periods || s.metric == Metric::cfs_periods;
  if (whole)
    for (size_t i = 0; i < n; ++i) fractions += v[i] != std::floor(v[i]);
  double steps = static_cast<double>(n - 1);
  if (small_falls >= 3 && static_cast<double>(small_falls) > 0.02 * steps)
    return fmt::format("its values fall in {:.0f}% of the steps, which a counter does not do", 100 * static_cast<double>(falls) / steps);
  if (falls >= 3 && static_cast<double>(falls) > 0.25 * steps)
    return fmt::format("its values fall in {:.0f}% of the steps, which a counter does not do", 100 * static_cast<double>(falls) / steps);
  if (whole && fractions >= 3 && falls >= 2)  // a monotonic series of fractions is still a counter
    return fmt::format("{} of its values are fractions; CFS period counters are whole numbers", fractions);
  return std::nullopt;
}

namespace {

// A rate series (per-second values, each the average over the range before
// its sample) as the counter it came from: the running sum of rate × step.
// Steps longer than kMaxGap add nothing (they are not differenced either).
void integrate(Series& s) {
  double c = 0, prev_t = s.t.empty() ? 0 : s.t.front();
  for (size_t i = 0; i < s.t.size(); ++i) {
    double dt = s.t[i] - prev_t, r = s.v[i];
    if (dt > 0 && dt <= kMaxGap) c += r * dt;
    prev_t = s.t[i];
    s.v[i] = c;
  }
}

// A gauge series of one key: every series merged, sorted by time.
void merge_sorted(std::vector<const Series*> ss, std::vector<double>& t, std::vector<double>& v) {
  // One series in strictly increasing time (what Prometheus writes): the
  // merge below would give the same vectors; copy them without the pairs.
  if (ss.size() == 1) {
    const auto& st = ss[0]->t;
    bool strict = true;
    for (size_t i = 1; i < st.size() && strict; ++i) strict = st[i - 1] < st[i];
    if (strict) {
      // analyze() owns the series (taken by value) and reads this one no
      // more: its vectors are moved, not copied.
      auto* own = const_cast<Series*>(ss[0]);
      t = std::move(own->t);
      v = std::move(own->v);
      return;
    }
  }
  std::vector<std::pair<double, double>> p;
  size_t total = 0;
  for (auto* s : ss) total += s->t.size();
  p.reserve(total);
  for (auto* s : ss)
    for (size_t i = 0; i < s->t.size(); ++i) p.emplace_back(s->t[i], s->v[i]);
  if (!std::is_sorted(p.begin(), p.end(), [](auto& a, auto& b) { return a.first < b.first; }))
    std::stable_sort(p.begin(), p.end(), [](auto& a, auto& b) { return a.first < b.first; });
  t.clear();
  v.clear();
  t.reserve(p.size());
  v.reserve(p.size());
  for (auto& [a, b] : p) {
    if (!t.empty() && a == t.back()) {  // one sample per instant: the largest
      v.back() = std::max(v.back(), b);
      continue;
    }
    t.push_back(a);
    v.push_back(b);
  }
}

// Per-window increases of a counter (and the seconds they cover).
struct Windows {
  std::map<int64_t, std::pair<double, double>> w;  // window -> (increase, seconds)
  size_t resets = 0;
  void add(const Series& s) {
    // Samples in time order fill one window after another: the map is
    // searched once a window, not once a sample.
    int64_t last_key = 0;
    std::pair<double, double>* last = nullptr;
    for (size_t i = 1; i < s.t.size(); ++i) {
      double dt = s.t[i] - s.t[i - 1];
      if (dt <= 0 || dt > kMaxGap) continue;
      double d = s.v[i] - s.v[i - 1];
      if (d < 0) {
        d = s.v[i];
        ++resets;
      }
      int64_t key = static_cast<int64_t>(std::floor(s.t[i] / kWindow));
      if (!last || key != last_key) last = &w[key], last_key = key;  // map nodes do not move
      auto& slot = *last;
      slot.first += d;
      slot.second += dt;
    }
  }
};

std::optional<double> last_value(const std::vector<const Series*>& ss) {
  std::optional<double> best;
  double bt = -1e300;
  for (auto* s : ss)
    if (!s->t.empty() && s->t.back() > bt) bt = s->t.back(), best = s->v.back();
  return best;
}

struct Events {
  std::vector<Spike> spikes;
  std::vector<char> mask;
  double sigma = 0;  // 1.4826·MAD of the residuals (n >= 20), reused by leak_test
};

// Spikes: points above median + 6·1.4826·MAD of the residuals (and at
// least 10% of the level above it), grouped into events that are short.
Events spikes_of(const double* t, const double* v, size_t n, const Trend& tr, double level, bool want_mask) {
  Events ev;
  if (want_mask) ev.mask.assign(n, 0);
  if (n < 20) return ev;
  auto res = [&](size_t i) { return v[i] - tr.at(t[i]); };
  // The residuals' median and MAD: exact up to kExact points, else on an
  // even subsample.
  size_t m = n <= kExact ? n : kSub;
  std::vector<double> r(m);
  for (size_t j = 0; j < m; ++j) r[j] = res(m == n ? j : j * n / m);
  // Against a flat line at the median (the drop test) the residuals' median
  // is exactly 0: subtraction of a constant keeps the order.
  double med = tr.slope == 0 && tr.intercept == level && m == n ? 0.0 : median_of(r);
  for (auto& x : r) x = std::fabs(x - med);
  double sigma = 1.4826 * median_of(r);
  ev.sigma = sigma;
  double thr = med + std::max(6 * sigma, 0.1 * level);
  double span = t[n - 1] - t[0];
  size_t i = 0;
  while (i < n) {
    if (res(i) <= thr) {
      ++i;
      continue;
    }
    size_t j = i;
    Spike s{t[i], t[i], t[i], v[i], tr.at(t[i]) + med};
    while (j < n && res(j) > thr) {
      if (v[j] > s.peak) s.peak = v[j], s.peak_time = t[j];
      s.end = t[j];
      ++j;
    }
    // A long excursion is a level shift, not a spike.
    if (s.end - s.start <= std::max(1800.0, 0.05 * span) && j - i <= n / 4) {
      ev.spikes.push_back(s);
      if (want_mask)
        for (size_t k = i; k < j; ++k) ev.mask[k] = 1;
    }
    i = j;
  }
  return ev;
}

struct Verdict {
  bool leak = false;
  std::string why;
};

// `sigma` and `level` are those spikes_of computed for the same segment and
// trend (the residuals' 1.4826·MAD and the median), not computed twice.
Verdict leak_test(const double* t, const double* v, size_t n, const Trend& tr, double sigma, double level) {
  if (n < 20) return {false, "too few samples"};
  double span = t[n - 1] - t[0];
  if (span < 1800) return {false, "less than 30 minutes of samples"};
  if (tr.slope <= 0) return {false, "no upward trend"};
  if (tr.r2 < 0.7) return {false, fmt::format("the trend explains little of the variation (R² {:.2f} < 0.70)", tr.r2)};
  double growth = tr.slope * span;
  if (growth < 0.1 * level) return {false, "growth over the window is under 10% of the level"};
  if (growth < 4 * sigma) return {false, "growth is within the noise"};
  // Both halves must climb at a similar rate: a periodic series does not.
  size_t h = n / 2;
  // Only the signs and the ratio of the halves' slopes count: on long
  // series 60 buckets each (1,770 pairwise slopes, not 7,140).
  const size_t hb = n > kExact ? 60 : 120;
  Trend a = fit(t, v, h, 32, false, hb), b = fit(t + h, v + h, n - h, 32, false, hb);
  if (a.slope <= 0 || b.slope <= 0) return {false, "one half of the window does not grow (periodic)"};
  double ratio = a.slope / b.slope;
  if (ratio > 3 || ratio < 1.0 / 3) return {false, "the halves grow at different rates (periodic or a level shift)"};
  return {true, "steady growth"};
}

Memory analyze_memory(const std::vector<double>& t, const std::vector<double>& v, std::optional<double> limit) {
  Memory m;
  size_t n = t.size();
  m.points = n;
  m.start = t.front();
  m.end = t.back();
  m.limit = limit;
  {
    // One pass: min, max and whether the step is regular.
    double mn = v[0], mx = v[0];
    bool regular = true;
    const double dt0 = n > 1 ? t[1] - t[0] : 0;
    for (size_t i = 1; i < n; ++i) {
      mn = std::min(mn, v[i]);
      mx = std::max(mx, v[i]);
      regular = regular && t[i] - t[i - 1] == dt0;
    }
    m.min = mn;
    m.max = mx;
    auto rank = [&](double q) {
      size_t k = static_cast<size_t>(std::ceil(q * static_cast<double>(n)));
      return std::min(k == 0 ? 0 : k - 1, n - 1);
    };
    // The median, P90 and P95: exact, as nth_element gives them.
    size_t ranks[3] = {n / 2, rank(0.90), rank(0.95)};
    double q[3];
    order_stats(v.data(), n, mn, mx, ranks, q, 3);
    m.median = q[0], m.p90 = q[1], m.p95 = q[2];
    if (n > 1) {
      if (regular) {
        m.step = dt0;
      } else {
        std::vector<double> dt(n - 1);
        for (size_t i = 1; i < n; ++i) dt[i - 1] = t[i] - t[i - 1];
        m.step = median_of(dt);
      }
    }
  }
  m.last = v.back();
  // Sawtooth drops: a fall of 30% or more from a level that is not a spike.
  Events raw = spikes_of(t.data(), v.data(), n, Trend{t.front(), 0, m.median, 0}, m.median, true);
  std::vector<size_t> cuts{0};
  for (size_t i = 1; i < n; ++i) {
    if (v[i] <= 0.7 * v[i - 1] && !raw.mask[i - 1] && v[i - 1] - v[i] > 0.05 * m.max) {
      Drop d{t[i], v[i - 1], v[i], limit && v[i - 1] >= 0.9 * *limit};
      m.drops.push_back(d);
      if (d.near_limit) m.oom_usage = std::max(m.oom_usage.value_or(0), d.before);
      cuts.push_back(i);
    }
  }
  cuts.push_back(n);
  std::vector<double> slopes;
  size_t eligible = 0;
  bool last_leaks = false;
  Verdict last_verdict;
  for (size_t s = 0; s + 1 < cuts.size(); ++s) {
    size_t lo = cuts[s], len = cuts[s + 1] - cuts[s];
    Trend tr = theil_sen(t.data() + lo, v.data() + lo, len);
    double level = len == n ? m.median : select_k(v.data() + lo, len, len / 2);
    auto ev = spikes_of(t.data() + lo, v.data() + lo, len, tr, level, false);
    m.spikes.insert(m.spikes.end(), ev.spikes.begin(), ev.spikes.end());
    Verdict vd = leak_test(t.data() + lo, v.data() + lo, len, tr, ev.sigma, level);
    bool last = s + 2 == cuts.size();
    if (len >= 20 && t[lo + len - 1] - t[lo] >= 1800) ++eligible;
    if (vd.leak) slopes.push_back(tr.slope);
    if (last) {
      m.trend = tr;
      last_leaks = vd.leak;
      last_verdict = vd;
    }
  }
  bool reset_leak = slopes.size() >= 2 && slopes.size() * 2 >= eligible;
  m.leak = last_leaks || reset_leak;
  if (m.leak) {
    m.slope_per_hour = median_of(slopes) * 3600;
    m.leak_reason = m.drops.empty() ? "steady growth" : "steady growth between drops";
    if (limit && m.trend.slope > 0) {
      double slope = last_leaks ? m.trend.slope : m.slope_per_hour / 3600;
      double from = last_leaks ? m.trend.at(m.end) : m.last;
      double c = m.end + (*limit - from) / slope;
      m.crossing = std::max(c, m.end);
    } else if (limit && !last_leaks) {
      m.crossing = m.end + (*limit - m.last) / (m.slope_per_hour / 3600);
    }
  } else {
    m.leak_reason = last_verdict.why;
    m.slope_per_hour = m.trend.slope * 3600;
  }
  return m;
}

Cpu analyze_cpu(const std::vector<const Series*>& thr, const std::vector<const Series*>& per,
                const std::vector<const Series*>& use) {
  Cpu c;
  Windows wt, wp, wu;
  for (auto* s : thr) wt.add(*s);
  for (auto* s : per) wp.add(*s);
  c.resets = wt.resets + wp.resets;
  if (!thr.empty() && !per.empty()) {
    c.have_throttling = true;
    size_t windows = 0, high = 0;
    for (auto& [k, p] : wp.w) {
      auto it = wt.w.find(k);
      double th = it == wt.w.end() ? 0 : it->second.first;
      if (p.first <= 0) continue;
      c.periods += p.first;
      c.throttled += th;
      double r = th / p.first;
      ++windows;
      if (r > kThrottleHigh) ++high;
      if (r > c.worst_ratio) c.worst_ratio = r, c.worst_time = static_cast<double>(k) * kWindow;
    }
    c.ratio = c.periods > 0 ? c.throttled / c.periods : 0;
    c.high_windows = windows ? static_cast<double>(high) / static_cast<double>(windows) : 0;
  }
  if (!use.empty()) {
    // Several series of one container (per-CPU) add up: rates are summed.
    std::map<int64_t, double> rate;
    double sum_inc = 0, sum_sec = 0;
    for (auto* s : use) {
      Windows w;
      w.add(*s);
      c.resets += w.resets;
      for (auto& [k, p] : w.w)
        if (p.second > 0) rate[k] += p.first / p.second;
      double inc = 0, sec = 0;
      for (auto& [k, p] : w.w) inc += p.first, sec += p.second;
      if (sec > 0) sum_inc += inc / sec, sum_sec += 1;
    }
    if (!rate.empty()) {
      c.have_usage = true;
      std::vector<double> r;
      for (auto& [k, x] : rate) r.push_back(x);
      c.usage_avg = sum_inc;  // sum over series of each one's average rate
      c.usage_p90 = quantile(r, 0.90);
      c.usage_p95 = quantile(r, 0.95);
      c.usage_max = *std::max_element(r.begin(), r.end());
    }
    (void)sum_sec;
  }
  return c;
}

int64_t round_up_mi(double b) { return static_cast<int64_t>(std::ceil(b / kMi)) * static_cast<int64_t>(kMi); }
double round_up_milli(double c, double step = 0.01) { return std::ceil(c / step - 1e-9) * step; }

}  // namespace

std::vector<std::pair<std::string, std::string>> Recommendation::values() const {
  std::vector<std::pair<std::string, std::string>> v;
  if (cpu_request) v.emplace_back("requests.cpu", kb::format_cpu(*cpu_request));
  if (mem_request) v.emplace_back("requests.memory", kb::format_memory(round_up_mi(*mem_request), true));
  if (cpu_limit) v.emplace_back("limits.cpu", kb::format_cpu(*cpu_limit));
  if (mem_limit) v.emplace_back("limits.memory", kb::format_memory(round_up_mi(*mem_limit), true));
  return v;
}

std::string Recommendation::yaml() const {
  std::string req, lim;
  if (cpu_request) req += "    cpu: " + kb::format_cpu(*cpu_request) + "\n";
  if (mem_request) req += "    memory: " + kb::format_memory(round_up_mi(*mem_request), true) + "\n";
  if (cpu_limit) lim += "    cpu: " + kb::format_cpu(*cpu_limit) + "\n";
  if (mem_limit) lim += "    memory: " + kb::format_memory(round_up_mi(*mem_limit), true) + "\n";
  std::string y = "resources:\n";
  if (!req.empty()) y += "  requests:\n" + req;
  if (!lim.empty()) y += "  limits:\n" + lim;
  return y;
}

std::vector<Container> analyze(std::vector<Series> series, const Options& opt) {
  std::map<Key, std::map<Metric, std::vector<const Series*>>> by;
  for (auto& s : series) {
    if (s.t.empty())
      throw InputError(s.source + ": series " + s.key.label() + " (" + std::string(metric_name(s.metric)) + ") has no samples");
    if (is_counter(s.metric)) {
      if (!s.rate)
        if (auto why = not_a_counter(s)) s.rate = true, s.rate_reason = *why;
      if (s.rate) {
        if (!std::is_sorted(s.t.begin(), s.t.end()))
          throw InputError(s.source + ": series " + s.key.label() + " (rate of " + std::string(metric_name(s.metric)) +
                           ") is not in time order");
        integrate(s);
      }
    }
    if (s.key.container == "POD") continue;  // the pause container
    by[s.key][s.metric].push_back(&s);
  }
  if (by.empty()) {
    std::string src = series.empty() ? "input" : series.front().source;
    throw InputError(src + ": no series of a known metric (container_memory_working_set_bytes, container_cpu_*; see drydock metrics --help)");
  }
  // cAdvisor also exports the pod's whole cgroup with container="": leave
  // it out when the pod's containers are there.
  for (auto it = by.begin(); it != by.end();) {
    bool pod_level = it->first.container.empty() && !it->first.pod.empty();
    bool has_children = false;
    if (pod_level)
      for (auto& [k, _] : by)
        if (k.pod == it->first.pod && k.ns == it->first.ns && !k.container.empty()) has_children = true;
    it = has_children ? by.erase(it) : std::next(it);
  }
  std::vector<std::pair<const Key*, std::map<Metric, std::vector<const Series*>>*>> work;
  for (auto& [key, ms] : by) work.emplace_back(&key, &ms);
  std::vector<std::optional<Container>> slots(work.size());
  auto one = [&](size_t idx) {
    const Key& key = *work[idx].first;
    auto& ms = *work[idx].second;
    Container c;
    c.key = key;
    auto get = [&](Metric m) -> const std::vector<const Series*>& {
      static const std::vector<const Series*> none;
      auto it = ms.find(m);
      return it == ms.end() ? none : it->second;
    };
    for (auto& [m, ss] : ms)
      if (!ss.empty()) c.source = ss.front()->source;
    std::optional<double> mem_limit = opt.memory_limit;
    if (!mem_limit) {
      auto spec = last_value(get(Metric::memory_limit));
      if (spec && *spec > 0 && *spec < 1e18) mem_limit = spec;  // 0 or ~2^63: no limit
    }
    if (!mem_limit) mem_limit = last_value(get(Metric::limit_memory));
    std::optional<double> cpu_limit = opt.cpu_limit;
    if (!cpu_limit) cpu_limit = last_value(get(Metric::limit_cpu));
    if (!get(Metric::memory_working_set).empty()) {
      merge_sorted(get(Metric::memory_working_set), c.mem_t, c.mem_v);
      c.memory = analyze_memory(c.mem_t, c.mem_v, mem_limit);
      c.memory->request = last_value(get(Metric::request_memory));
    }
    const auto& thr = get(Metric::throttled_periods);
    const auto& per = get(Metric::cfs_periods);
    const auto& use = get(Metric::cpu_usage);
    if (!thr.empty() || !per.empty() || !use.empty()) {
      c.cpu = analyze_cpu(thr, per, use);
      for (const auto* ss : {&thr, &per, &use})
        for (const Series* x : *ss)
          if (x->rate) {
            auto r = std::string(metric_name(x->metric)) + ": " + x->rate_reason;
            if (std::find(c.cpu->read_as_rate.begin(), c.cpu->read_as_rate.end(), r) == c.cpu->read_as_rate.end())
              c.cpu->read_as_rate.push_back(r);
          }
      c.cpu->limit = cpu_limit;
      c.cpu->request = last_value(get(Metric::request_cpu));
      if (c.cpu->have_usage) {
        std::map<int64_t, double> rate;
        for (auto* s : use) {
          Windows w;
          w.add(*s);
          for (auto& [k, p] : w.w)
            if (p.second > 0) rate[k] += p.first / p.second;
        }
        for (auto& [k, x] : rate) c.cpu_t.push_back((static_cast<double>(k) + 0.5) * kWindow), c.cpu_v.push_back(x);
      }
    }
    if (!c.memory && !c.cpu) return;  // only limits or requests
    // VPA-style recommendation: target P90, upper bound P95, 15% margin,
    // and after an OOM max(+20%, +100Mi) over the usage at the kill.
    if (c.memory) {
      c.rec.mem_request = c.memory->p90 * 1.15;
      double upper = c.memory->p95 * 1.15;
      if (c.memory->oom_usage) {
        double bump = std::max(*c.memory->oom_usage * 1.2, *c.memory->oom_usage + 100 * kMi);
        if (bump > upper) upper = bump, c.rec.oom_bump = true;
      }
      c.rec.mem_limit = std::max(upper, *c.rec.mem_request);
    }
    if (c.cpu && c.cpu->have_usage) {
      c.rec.cpu_request = round_up_milli(std::max(0.01, c.cpu->usage_p90 * 1.15));
      c.rec.cpu_limit = round_up_milli(std::max(*c.rec.cpu_request, c.cpu->usage_p95 * 1.15));
      if (c.cpu->have_throttling && c.cpu->ratio > kThrottleHigh && c.cpu->limit)
        c.rec.cpu_limit = std::max(*c.rec.cpu_limit, round_up_milli(*c.cpu->limit * 1.5));
    }
    slots[idx] = std::move(c);
  };
  // Containers are independent: analysed on every core.
  size_t nthreads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), work.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < work.size();) one(i);
  };
  std::vector<std::thread> pool;
  for (size_t i = 1; i < nthreads; ++i) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
  std::vector<Container> out;
  for (auto& c : slots)
    if (c) out.push_back(std::move(*c));
  return out;
}

namespace {

}  // namespace

Location location_of(const Container& c) {
  Location l;
  l.file = c.source;
  l.container = c.key.container.empty() ? c.key.label() : c.key.container;
  if (!c.key.pod.empty()) l.resource = "Pod/" + (c.key.ns.empty() ? std::string("default") : c.key.ns) + "/" + c.key.pod;
  return l;
}

namespace {
Location where(const Container& c) { return location_of(c); }

std::string times(const std::vector<double>& ts, size_t maxn = 5) {
  std::string s;
  for (size_t i = 0; i < ts.size() && i < maxn; ++i) s += (i ? ", " : "") + format_time(ts[i]);
  if (ts.size() > maxn) s += fmt::format(" and {} more", ts.size() - maxn);
  return s;
}

}  // namespace

std::vector<Finding> findings(const std::vector<Container>& cs) {
  std::vector<Finding> out;
  for (const auto& c : cs) {
    const std::string name = c.key.label();
    if (c.memory) {
      const Memory& m = *c.memory;
      if (m.leak) {
        Finding f;
        f.rule = "DD8001";
        f.title = "Memory grows steadily: a leak that reaches the limit";
        f.location = where(c);
        std::string reach;
        if (m.limit && m.crossing) {
          reach = fmt::format("; at this rate it reaches the {} limit at {} (in {} after the last sample)", bytes(*m.limit),
                              format_time(*m.crossing), dur(*m.crossing - m.end));
          if (*m.crossing - m.end < 24 * 3600) f.severity = Severity::error;
        } else if (!m.limit) {
          reach = "; no memory limit is known (give it with --limit, e.g. --limit 1Gi) to predict the OOM kill";
        }
        f.message = fmt::format("memory of {} grows {}/h (R² {:.2f}) from {} to {}{}", name, bytes(m.slope_per_hour),
                                m.trend.r2, bytes(m.min), bytes(m.max), reach);
        if (!m.drops.empty()) {
          std::vector<double> ts;
          for (auto& d : m.drops) ts.push_back(d.time);
          f.message += fmt::format("; {} drop(s) reset it (restarts or kills) at {}, and it climbs again after each", m.drops.size(), times(ts));
        }
        f.evidence = fmt::format("slope {}/h, R² {:.2f}, {} samples {} .. {}", bytes(m.slope_per_hour), m.trend.r2, m.points,
                                 format_time(m.start), format_time(m.end));
        f.root_cause = "Memory that only grows is held by something that is never released (a cache without a byte bound, listeners, connections).";
        f.fix = "Take a heap dump while memory is high (jmap -dump / v8.writeHeapSnapshot() / tracemalloc) and bound the growing structure; a higher limit only delays the kill";
        f.tags = {"k8s", "metrics"};
        out.push_back(std::move(f));
      }
      size_t near = 0;
      std::vector<double> near_t;
      for (auto& d : m.drops)
        if (d.near_limit) ++near, near_t.push_back(d.time);
      if (near > 0 && m.limit) {
        Finding f;
        f.rule = "DD8002";
        f.title = "Memory reached the limit and dropped: OOM kills or restarts";
        f.location = where(c);
        f.message = fmt::format("memory of {} reached {} ({:.0f}% of the {} limit) and fell back {} time(s), at {}", name,
                                bytes(*m.oom_usage), 100 * *m.oom_usage / *m.limit, bytes(*m.limit), near, times(near_t));
        f.evidence = fmt::format("{} drop(s) from >= 90% of the limit", near);
        f.root_cause = m.leak ? "A leak fills the limit; the kernel OOM-kills the container and the restart resets memory."
                              : "Usage reaches the limit; the kernel OOM-kills the container.";
        f.fix = c.rec.yaml();
        f.tags = {"k8s", "metrics"};
        out.push_back(std::move(f));
      }
      if (!m.spikes.empty()) {
        Finding f;
        f.rule = "DD8003";
        f.title = "Memory spikes above the baseline";
        f.location = where(c);
        const Spike* top = &m.spikes.front();
        std::vector<double> ts;
        for (auto& s : m.spikes) {
          ts.push_back(s.start);
          if (s.peak > top->peak) top = &s;
        }
        f.severity = m.limit && top->peak >= 0.8 * *m.limit ? Severity::warning : Severity::info;
        f.message = fmt::format("memory of {} jumped {} time(s) above its baseline; the largest from {} to {} at {} (lasting {}){}",
                                name, m.spikes.size(), bytes(top->baseline), bytes(top->peak), format_time(top->start),
                                dur(top->end - top->start + m.step),
                                m.limit ? fmt::format(", {:.0f}% of the {} limit", 100 * top->peak / *m.limit, bytes(*m.limit)) : "");
        f.evidence = "spikes starting at " + times(ts);
        f.root_cause = "One operation (an upload, a report, a large query) allocates far more than the usual request.";
        f.fix = "Match the spike times with the logs (kubectl logs --since-time=...), then stream or page that operation, or move it to a worker with its own limit";
        f.tags = {"k8s", "metrics"};
        out.push_back(std::move(f));
      }
      bool too_low = m.limit && !m.leak && c.rec.mem_limit && *c.rec.mem_limit > *m.limit && m.p95 >= 0.8 * *m.limit;
      if (too_low) {
        Finding f;
        f.rule = "DD8005";
        f.title = "The memory limit is below what the container uses";
        f.location = where(c);
        f.message = fmt::format("memory of {} has P95 {} against a {} limit ({:.0f}%); the recommended limit is {}{}", name,
                                bytes(m.p95), bytes(*m.limit), 100 * m.p95 / *m.limit,
                                kb::format_memory(round_up_mi(*c.rec.mem_limit), true),
                                c.rec.oom_bump ? " (with the OOM bump)" : "");
        f.evidence = fmt::format("P90 {}, P95 {}, max {}", bytes(m.p90), bytes(m.p95), bytes(m.max));
        f.fix = c.rec.yaml();
        f.tags = {"k8s", "metrics"};
        out.push_back(std::move(f));
      }
    }
    if (c.cpu && c.cpu->have_throttling && c.cpu->periods >= 100 && c.cpu->ratio > kThrottleHigh) {
      const Cpu& u = *c.cpu;
      Finding f;
      f.rule = "DD8004";
      f.title = "CPU is throttled although average use looks fine";
      f.location = where(c);
      std::string use;
      if (u.have_usage && u.limit)
        use = fmt::format("; average use is {} against a {} limit ({:.0f}%)", cores(u.usage_avg), cores(*u.limit),
                          100 * u.usage_avg / *u.limit);
      else if (u.have_usage)
        use = fmt::format("; average use is {}", cores(u.usage_avg));
      f.message = fmt::format("{} was throttled in {:.0f}% of its CFS periods ({} of {}), over 25% in {:.0f}% of 5-minute windows, worst {:.0f}% at {}{}",
                              name, 100 * u.ratio, std::llround(u.throttled), std::llround(u.periods), 100 * u.high_windows,
                              100 * u.worst_ratio, format_time(u.worst_time), use);
      if (u.resets) f.message += fmt::format(" ({} counter reset(s) handled)", u.resets);
      f.evidence = "rate(container_cpu_cfs_throttled_periods_total[5m]) / rate(container_cpu_cfs_periods_total[5m])";
      f.root_cause = "The CFS quota is spent in bursts within each 100ms period: the process waits although the average is under the limit.";
      f.fix = c.rec.cpu_limit ? c.rec.yaml() + "# or remove the CPU limit and keep the request" : "Raise or remove the CPU limit (keep the request)";
      f.tags = {"k8s", "metrics"};
      out.push_back(std::move(f));
    }
    bool reported_low = false;
    for (auto& f : out)
      if (f.rule == "DD8005" && f.location.container == where(c).container && f.location.resource == where(c).resource) reported_low = true;
    double span = c.memory ? c.memory->end - c.memory->start : (c.cpu_t.empty() ? 0 : c.cpu_t.back() - c.cpu_t.front());
    if (!reported_low && span >= 3600 && (c.rec.mem_limit || c.rec.cpu_limit)) {
      Finding f;
      f.rule = "DD8006";
      f.title = "Recommended requests and limits from observed use";
      f.location = where(c);
      std::string basis;
      if (c.memory) basis += fmt::format("memory P90 {}, P95 {}", bytes(c.memory->p90), bytes(c.memory->p95));
      if (c.cpu && c.cpu->have_usage)
        basis += fmt::format("{}CPU P90 {}, P95 {}", basis.empty() ? "" : "; ", cores(c.cpu->usage_p90), cores(c.cpu->usage_p95));
      f.message = fmt::format("{}: {} over {} (target P90 + 15%, upper bound P95 + 15%{}){}", name, basis, dur(span),
                              c.rec.oom_bump ? ", OOM bump" : "",
                              c.memory && c.memory->leak ? "; the leak must be fixed first, these numbers only hold until then" : "");
      f.fix = c.rec.yaml();
      f.tags = {"k8s", "metrics"};
      out.push_back(std::move(f));
    }
  }
  // Category and severity from the registry where the rule left them.
  for (auto& f : out) {
    if (const RuleInfo* r = Registry::instance().find(f.rule)) {
      f.category = r->category;
      if (f.severity == Severity::none) f.severity = r->severity;
      f.docs = r->docs_anchor();
    }
  }
  return out;
}

nlohmann::json to_json(const std::vector<Container>& cs) {
  auto arr = nlohmann::json::array();
  for (const auto& c : cs) {
    nlohmann::json j = {{"series", c.key.label()}, {"namespace", c.key.ns}, {"pod", c.key.pod}, {"container", c.key.container}};
    if (c.memory) {
      const Memory& m = *c.memory;
      nlohmann::json mj = {{"points", m.points},
                           {"start", format_time(m.start)},
                           {"end", format_time(m.end)},
                           {"step_seconds", m.step},
                           {"min_bytes", m.min},
                           {"max_bytes", m.max},
                           {"median_bytes", m.median},
                           {"p90_bytes", m.p90},
                           {"p95_bytes", m.p95},
                           {"last_bytes", m.last},
                           {"slope_bytes_per_hour", m.slope_per_hour},
                           {"r2", m.trend.r2},
                           {"leak", m.leak},
                           {"verdict", m.leak_reason}};
      if (m.limit) mj["limit_bytes"] = *m.limit;
      if (m.request) mj["request_bytes"] = *m.request;
      if (m.crossing) {
        mj["limit_reached_at"] = format_time(*m.crossing);
        mj["seconds_until_limit"] = *m.crossing - m.end;
      }
      auto drops = nlohmann::json::array();
      for (auto& d : m.drops)
        drops.push_back({{"time", format_time(d.time)}, {"before_bytes", d.before}, {"after_bytes", d.after}, {"near_limit", d.near_limit}});
      mj["drops"] = drops;
      auto spikes = nlohmann::json::array();
      for (auto& s : m.spikes)
        spikes.push_back({{"start", format_time(s.start)}, {"end", format_time(s.end)}, {"peak_time", format_time(s.peak_time)},
                          {"peak_bytes", s.peak}, {"baseline_bytes", s.baseline}});
      mj["spikes"] = spikes;
      j["memory"] = mj;
    }
    if (c.cpu) {
      const Cpu& u = *c.cpu;
      nlohmann::json cj = nlohmann::json::object();
      if (u.have_throttling)
        cj.update({{"throttled_periods", u.throttled}, {"periods", u.periods}, {"throttled_ratio", u.ratio},
                   {"worst_window_ratio", u.worst_ratio}, {"worst_window", format_time(u.worst_time)},
                   {"windows_over_25_percent", u.high_windows}});
      if (u.have_usage)
        cj.update({{"usage_avg_cores", u.usage_avg}, {"usage_p90_cores", u.usage_p90}, {"usage_p95_cores", u.usage_p95},
                   {"usage_max_cores", u.usage_max}});
      if (u.limit) cj["limit_cores"] = *u.limit;
      if (u.request) cj["request_cores"] = *u.request;
      cj["counter_resets"] = u.resets;
      cj["read_as_rate"] = u.read_as_rate;
      j["cpu"] = cj;
    }
    nlohmann::json r = nlohmann::json::object();
    if (c.rec.mem_request) r["memory_request"] = kb::format_memory(round_up_mi(*c.rec.mem_request), true);
    if (c.rec.mem_limit) r["memory_limit"] = kb::format_memory(round_up_mi(*c.rec.mem_limit), true);
    if (c.rec.cpu_request) r["cpu_request"] = kb::format_cpu(*c.rec.cpu_request);
    if (c.rec.cpu_limit) r["cpu_limit"] = kb::format_cpu(*c.rec.cpu_limit);
    r["oom_bump"] = c.rec.oom_bump;
    j["recommendation"] = r;
    arr.push_back(std::move(j));
  }
  return arr;
}

std::string text_summary(const std::vector<Container>& cs) {
  std::string s;
  for (const auto& c : cs) {
    s += c.key.label() + ":\n";
    if (c.memory) {
      const Memory& m = *c.memory;
      s += fmt::format("  memory  {} samples {} .. {}, median {}, P95 {}, max {}{}\n", m.points, format_time(m.start),
                       format_time(m.end), bytes(m.median), bytes(m.p95), bytes(m.max),
                       m.limit ? ", limit " + bytes(*m.limit) : std::string());
      s += fmt::format("  trend   {}{}/h, R² {:.2f}: {}{}\n", m.slope_per_hour < 0 ? "-" : "+", bytes(std::fabs(m.slope_per_hour)),
                       m.trend.r2, m.leak ? "leak" : "no leak", m.leak ? "" : " (" + m.leak_reason + ")");
      if (m.crossing)
        s += fmt::format("  limit   reached at {} (in {})\n", format_time(*m.crossing), dur(*m.crossing - m.end));
      s += fmt::format("  drops   {}   spikes {}\n", m.drops.size(), m.spikes.size());
    }
    if (c.cpu) {
      const Cpu& u = *c.cpu;
      if (u.have_throttling) s += fmt::format("  cpu     throttled {:.1f}% of periods\n", 100 * u.ratio);
      if (u.have_usage)
        s += fmt::format("  cpu     use avg {:.3f}, P95 {:.3f} cores{}\n", u.usage_avg, u.usage_p95,
                         u.limit ? fmt::format(", limit {:.3f}", *u.limit) : "");
      for (auto& r : u.read_as_rate) s += "  input   read as rate(): " + r + "\n";
    }
  }
  return s;
}

}  // namespace dd::metrics
