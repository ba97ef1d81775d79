#include "knowledge/clock.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace dd::kb {
namespace {

std::mutex g_mu;
std::optional<Date> g_pinned;

int days_in(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Exactly `n` digits at `pos`.
bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::string Date::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
  return buf;
}

std::optional<Date> Date::parse(std::string_view s) {
  Date d;
  if (s.size() != 10 && s.size() != 7) return std::nullopt;
  if (!digits(s, 0, 4, d.year) || s[4] != '-' || !digits(s, 5, 2, d.month)) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.year < 1) return std::nullopt;
  if (s.size() == 7) {
    d.day = 1;
    return d;
  }
  if (s[7] != '-' || !digits(s, 8, 2, d.day)) return std::nullopt;
  if (d.day < 1 || d.day > days_in(d.year, d.month)) return std::nullopt;
  return d;
}

Date Clock::today() {
  {
    std::lock_guard lock(g_mu);
    if (g_pinned) return *g_pinned;
  }
  if (const char* env = std::getenv("DRYDOCK_TODAY"))
    if (auto d = Date::parse(env)) return *d;
  using namespace std::chrono;
  year_month_day ymd{floor<days>(system_clock::now())};
  return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

void Clock::set(std::optional<Date> d) {
  std::lock_guard lock(g_mu);
  g_pinned = d;
}

}  // namespace dd::kb
