#include "knowledge/quantity.h"

#include <cctype>
#include <cmath>
#include <fmt/format.h>

namespace dd::kb {
namespace {

// Splits "1.5Gi" into the number and the suffix; nullopt when the number part
// is not a plain decimal (with an optional exponent for Kubernetes).
struct Parts {
  double number;
  std::string_view suffix;
};

std::optional<Parts> split_number(std::string_view s, bool allow_exponent) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  size_t i = 0;
  if (i < s.size() && (s[i] == '+')) ++i;
  size_t digits = 0, dot = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) {
    if (s[i] == '.') ++dot;
    else ++digits;
    ++i;
  }
  if (digits == 0 || dot > 1) return std::nullopt;
  // Kubernetes' exponent form: 129e6, 1E3 (but "1E" alone is exa).
  if (allow_exponent && i + 1 < s.size() && (s[i] == 'e' || s[i] == 'E') &&
      (std::isdigit(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '-' || s[i + 1] == '+')) {
    size_t j = i + 1;
    if (s[j] == '-' || s[j] == '+') ++j;
    size_t ed = 0;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j, ++ed;
    if (ed > 0 && j == s.size()) i = j;
  }
  std::string num(s.substr(0, i));
  char* end = nullptr;
  double v = std::strtod(num.c_str(), &end);
  if (end != num.c_str() + num.size() || !std::isfinite(v) || v < 0) return std::nullopt;
  return Parts{v, s.substr(i)};
}

std::optional<int64_t> to_bytes(double v) {
  double r = std::ceil(v - 1e-9);
  if (r < 0 || r > 9.2e18) return std::nullopt;
  return static_cast<int64_t>(r);
}

}  // namespace

std::optional<int64_t> parse_memory(std::string_view text, QuantityDialect dialect) {
  auto p = split_number(text, dialect == QuantityDialect::kubernetes);
  if (!p) return std::nullopt;
  std::string_view u = p->suffix;
  constexpr double Ki = 1024.0;
  if (dialect == QuantityDialect::kubernetes) {
    static constexpr struct {
      std::string_view suffix;
      double mult;
    } kSuffixes[] = {
        {"", 1},         {"Ki", Ki},      {"Mi", Ki * Ki}, {"Gi", Ki * Ki * Ki}, {"Ti", Ki * Ki * Ki * Ki},
        {"Pi", Ki * Ki * Ki * Ki * Ki},   {"Ei", Ki * Ki * Ki * Ki * Ki * Ki},  {"m", 1e-3},
        {"k", 1e3},      {"M", 1e6},      {"G", 1e9},      {"T", 1e12},      {"P", 1e15}, {"E", 1e18},
    };
    for (const auto& s : kSuffixes)
      if (u == s.suffix) return to_bytes(p->number * s.mult);
    return std::nullopt;
  }
  // Docker and the JVM: one binary letter, any case; Docker also takes "b".
  if (u.size() > 1) {
    // Docker accepts "512mb"/"1gb" as well (go-units RAMInBytes).
    if (dialect == QuantityDialect::docker && u.size() == 2 && (u[1] == 'b' || u[1] == 'B')) u = u.substr(0, 1);
    else return std::nullopt;
  }
  double mult = 1;
  if (!u.empty()) {
    switch (std::tolower(static_cast<unsigned char>(u[0]))) {
      case 'b':
        if (dialect != QuantityDialect::docker) return std::nullopt;
        break;
      case 'k': mult = Ki; break;
      case 'm': mult = Ki * Ki; break;
      case 'g': mult = Ki * Ki * Ki; break;
      case 't': mult = Ki * Ki * Ki * Ki; break;
      case 'p':
        if (dialect != QuantityDialect::docker) return std::nullopt;
        mult = Ki * Ki * Ki * Ki * Ki;
        break;
      default: return std::nullopt;
    }
  }
  return to_bytes(p->number * mult);
}

std::optional<double> parse_cpu(std::string_view text) {
  auto p = split_number(text, true);
  if (!p) return std::nullopt;
  if (p->suffix.empty()) return p->number;
  if (p->suffix == "m") return p->number / 1000.0;
  return std::nullopt;
}

std::string format_memory(int64_t bytes, bool round_up_to_mi) {
  constexpr int64_t Mi = 1024 * 1024;
  if (round_up_to_mi && bytes % Mi != 0) bytes = (bytes / Mi + 1) * Mi;
  static constexpr std::string_view kUnits[] = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  if (bytes <= 0) return "0";
  std::string_view unit;
  int64_t v = bytes;
  for (auto u : kUnits) {
    if (v % 1024 != 0) break;
    v /= 1024;
    unit = u;
  }
  // Prefer Mi over Gi when Gi would need a fraction elsewhere: 1536Mi, not 1.5Gi.
  return fmt::format("{}{}", v, unit);
}

std::string human_bytes(int64_t bytes) {
  static constexpr std::string_view kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double v = static_cast<double>(bytes);
  size_t u = 0;
  while (std::fabs(v) >= 1024 && u + 1 < std::size(kUnits)) v /= 1024, ++u;
  if (u == 0) return fmt::format("{} B", bytes);
  if (v >= 100 || std::fabs(v - std::round(v)) < 0.05) return fmt::format("{:.0f} {}", v, kUnits[u]);
  return fmt::format("{:.1f} {}", v, kUnits[u]);
}

std::string format_cpu(double cores) {
  long milli = std::lround(cores * 1000);
  if (milli % 1000 == 0) return fmt::format("{}", milli / 1000);
  return fmt::format("{}m", milli);
}

}  // namespace dd::kb
