#include "metrics/svg.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fmt/format.h>

#include "knowledge/quantity.h"

namespace dd::metrics {
namespace {

constexpr double W = 960, H = 340, L = 90, R = 50, T = 50, B = 60;

std::string esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '&') o += "&amp;";
    else if (c == '"') o += "&quot;";
    else o += c;
  }
  return o;
}

// 1-2-5 steps for values; powers of two times 1, 2, 5 for bytes.
double nice_step(double range, int ticks, bool binary) {
  double raw = range / ticks;
  if (raw <= 0) return 1;
  double unit = 1;
  if (binary) {
    for (double u : {1024.0 * 1024 * 1024, 1024.0 * 1024, 1024.0})
      if (raw >= u) {
        unit = u;
        break;
      }
  }
  double x = raw / unit;
  double p = std::pow(10, std::floor(std::log10(x)));
  double m = x / p;
  double n = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
  return n * p * unit;
}

double time_step(double span) {
  for (double s : {60.0, 300.0, 900.0, 1800.0, 3600.0, 7200.0, 10800.0, 21600.0, 43200.0, 86400.0, 172800.0, 604800.0})
    if (span / s <= 8) return s;
  return std::ceil(span / 8 / 604800) * 604800;
}

std::string time_label(double t, double step) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, step >= 86400 ? "%m-%d" : "%m-%d %H:%M", &tm);
  return buf;
}

struct Panel {
  double x0, x1, y0, y1, top;
  double px(double t) const { return L + (t - x0) / (x1 - x0) * (W - L - R); }
  double py(double v) const { return top + T + (1 - (v - y0) / (y1 - y0)) * (H - T - B); }
};

// Min and max per pixel column keep the spikes visible.
std::string polyline(const Panel& p, const std::vector<double>& t, const std::vector<double>& v) {
  std::string pts;
  const int cols = static_cast<int>(W - L - R);
  int col = -1;
  double lo = 0, hi = 0, lt = 0;
  auto flush = [&] {
    if (col < 0) return;
    pts += fmt::format("{:.1f},{:.1f} {:.1f},{:.1f} ", p.px(lt), p.py(lo), p.px(lt), p.py(hi));
  };
  for (size_t i = 0; i < t.size(); ++i) {
    int c = std::clamp(static_cast<int>((t[i] - p.x0) / (p.x1 - p.x0) * cols), 0, cols);
    if (c != col) {
      flush();
      col = c;
      lo = hi = v[i];
      lt = t[i];
    } else {
      lo = std::min(lo, v[i]);
      hi = std::max(hi, v[i]);
    }
  }
  flush();
  return pts;
}

void axes(std::string& s, const Panel& p, bool bytes, const std::string& ylabel) {
  double ys = nice_step(p.y1 - p.y0, 5, bytes);
  s += fmt::format("<g class=\"axes\" font-size=\"12\" fill=\"#333\">\n");
  for (double y = std::ceil(p.y0 / ys) * ys; y <= p.y1 + 1e-9; y += ys) {
    std::string lab = bytes ? kb::human_bytes(static_cast<int64_t>(std::llround(y))) : fmt::format("{:g}", std::round(y * 1000) / 1000);
    s += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>", L, p.py(y), W - R, p.py(y));
    s += fmt::format("<text class=\"ytick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", L - 6, p.py(y) + 4, esc(lab));
  }
  double ts = time_step(p.x1 - p.x0);
  for (double t = std::ceil(p.x0 / ts) * ts; t <= p.x1; t += ts) {
    s += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#eee\"/>", p.px(t), p.top + T, p.px(t), p.top + H - B);
    s += fmt::format("<text class=\"xtick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", p.px(t), p.top + H - B + 16,
                     esc(time_label(t, ts)));
  }
  s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\"/>\n", L, p.top + T, W - L - R, H - T - B);
  s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">time (UTC)</text>\n", (L + W - R) / 2, p.top + H - B + 34);
  s += fmt::format("<text x=\"16\" y=\"{:.1f}\" transform=\"rotate(-90 16 {:.1f})\" text-anchor=\"middle\">{}</text>\n",
                   p.top + H / 2, p.top + H / 2, esc(ylabel));
  s += "</g>\n";
}

void legend(std::string& s, double top, const std::vector<std::pair<std::string, std::string>>& items) {
  double x = L + 10;
  s += "<g class=\"legend\" font-size=\"12\">\n";
  for (auto& [color, label] : items) {
    s += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"3\"/>", x, top + 38, x + 22,
                     top + 38, color);
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", x + 28, top + 42, esc(label));
    x += 40 + 7.0 * static_cast<double>(label.size());
  }
  s += "</g>\n";
}

}  // namespace

std::string svg(const std::vector<Container>& cs, const std::string& title, size_t max_containers) {
  std::vector<std::string> panels;
  double top = 30;
  std::string body;
  size_t shown = 0;
  for (const auto& c : cs) {
    if (shown++ >= max_containers) break;
    if (c.memory && !c.mem_t.empty()) {
      const Memory& m = *c.memory;
      bool cross = m.leak && m.crossing && *m.crossing - m.end <= 2 * (m.end - m.start);
      Panel p{m.start, cross ? *m.crossing + 0.05 * (*m.crossing - m.start) : m.end, 0, m.max * 1.1, top};
      if (m.limit) p.y1 = std::max(p.y1, *m.limit * 1.08);
      if (p.x1 <= p.x0) p.x1 = p.x0 + 60;
      body += fmt::format("<g class=\"panel memory\"><text class=\"title\" x=\"{}\" y=\"{:.1f}\" font-size=\"15\" font-weight=\"bold\">{}</text>\n", L,
                          top + 20, esc("Memory working set: " + c.key.label()));
      axes(body, p, true, "working set");
      body += fmt::format("<polyline class=\"series\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.2\" points=\"{}\"/>\n",
                          polyline(p, c.mem_t, c.mem_v));
      std::vector<std::pair<std::string, std::string>> items{{"#1f77b4", "working set"}};
      double ts0 = m.trend.t0, ts1 = cross ? *m.crossing : m.end;
      body += fmt::format("<line class=\"trend\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ff7f0e\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>\n",
                          p.px(ts0), p.py(std::clamp(m.trend.at(ts0), p.y0, p.y1)), p.px(ts1), p.py(std::clamp(m.trend.at(ts1), p.y0, p.y1)));
      std::string sign = m.slope_per_hour < 0 ? "-" : "+";
      items.emplace_back("#ff7f0e", fmt::format("trend {}{}/h (R² {:.2f})", sign,
                                                kb::human_bytes(static_cast<int64_t>(std::fabs(m.slope_per_hour))), m.trend.r2));
      if (m.limit) {
        body += fmt::format("<line class=\"limit\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#d62728\" stroke-width=\"2\"/>\n", L,
                            p.py(*m.limit), W - R, p.py(*m.limit));
        items.emplace_back("#d62728", "limit " + kb::human_bytes(static_cast<int64_t>(*m.limit)));
      }
      if (cross) {
        body += fmt::format("<circle class=\"crossing\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"6\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>\n",
                            p.px(*m.crossing), p.py(*m.limit));
        body += fmt::format("<text class=\"crossing-label\" x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" text-anchor=\"end\" fill=\"#d62728\">OOM at {}</text>\n",
                            p.px(*m.crossing) - 8, p.py(*m.limit) - 8, esc(format_time(*m.crossing)));
      }
      for (auto& d : m.drops)
        body += fmt::format("<line class=\"drop\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#9467bd\" stroke-width=\"1\" stroke-dasharray=\"2 2\"/>\n",
                            p.px(d.time), p.top + T, p.top + H - B);
      for (auto& sp : m.spikes)
        body += fmt::format("<circle class=\"spike\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"#2ca02c\"/>\n", p.px(sp.peak_time), p.py(sp.peak));
      if (!m.drops.empty()) items.emplace_back("#9467bd", fmt::format("{} drop(s)", m.drops.size()));
      if (!m.spikes.empty()) items.emplace_back("#2ca02c", fmt::format("{} spike(s)", m.spikes.size()));
      legend(body, top, items);
      body += "</g>\n";
      top += H;
    }
    if (c.cpu && !c.cpu_t.empty()) {
      double mx = *std::max_element(c.cpu_v.begin(), c.cpu_v.end());
      Panel p{c.cpu_t.front(), c.cpu_t.back() > c.cpu_t.front() ? c.cpu_t.back() : c.cpu_t.front() + 300, 0, mx * 1.1 + 1e-3, top};
      if (c.cpu->limit) p.y1 = std::max(p.y1, *c.cpu->limit * 1.1);
      body += fmt::format("<g class=\"panel cpu\"><text class=\"title\" x=\"{}\" y=\"{:.1f}\" font-size=\"15\" font-weight=\"bold\">{}</text>\n", L,
                          top + 20, esc("CPU use (5-minute rate): " + c.key.label()));
      axes(body, p, false, "cores");
      body += fmt::format("<polyline class=\"series\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.2\" points=\"{}\"/>\n",
                          polyline(p, c.cpu_t, c.cpu_v));
      std::vector<std::pair<std::string, std::string>> items{{"#1f77b4", "usage (cores)"}};
      if (c.cpu->limit) {
        body += fmt::format("<line class=\"limit\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#d62728\" stroke-width=\"2\"/>\n", L,
                            p.py(*c.cpu->limit), W - R, p.py(*c.cpu->limit));
        items.emplace_back("#d62728", "limit " + kb::format_cpu(*c.cpu->limit));
      }
      if (c.cpu->have_throttling) items.emplace_back("#ffffff", fmt::format("throttled {:.0f}% of periods", 100 * c.cpu->ratio));
      legend(body, top, items);
      body += "</g>\n";
      top += H;
    }
  }
  std::string s = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1:.0f}\" viewBox=\"0 0 {0} {1:.0f}\" font-family=\"DejaVu Sans, sans-serif\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<title>{2}</title>\n"
      "<text class=\"doc-title\" x=\"{3}\" y=\"22\" font-size=\"17\" font-weight=\"bold\">{2}</text>\n",
      W, top + 10, esc(title), L);
  s += body;
  if (cs.size() > max_containers)
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" font-size=\"12\">{} more series not plotted</text>\n", L, top, cs.size() - max_containers);
  s += "</svg>\n";
  return s;
}

}  // namespace dd::metrics
