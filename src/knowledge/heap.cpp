#include "knowledge/heap.h"

#include <cstdlib>

#include "knowledge/quantity.h"

namespace dd::kb {
namespace {

using SV = std::string_view;

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<std::string> words(SV text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && space(text[i])) ++i;
    size_t b = i;
    while (i < text.size() && !space(text[i])) ++i;
    if (i == b) break;
    std::string t(text.substr(b, i - b));
    while (!t.empty() && (t.front() == '"' || t.front() == '\'')) t.erase(0, 1);
    while (!t.empty() && (t.back() == '"' || t.back() == '\'' || t.back() == ';')) t.pop_back();
    // JAVA_OPTS=-Xmx1g: the value of an assignment.
    size_t eq = t.find('=');
    if (eq != std::string::npos && eq > 0 && eq + 1 < t.size() && t[eq + 1] == '-' && t.front() != '-')
      t.erase(0, eq + 1);
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

// Whole MiB of Node's --max-old-space-size: digits only.
bool mebibytes(SV v, int64_t& bytes) {
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != SV::npos) return false;
  bytes = std::atoll(std::string(v).c_str()) * 1024 * 1024;
  return true;
}

}  // namespace

std::vector<HeapFlag> heap_flags(std::string_view text) {
  std::vector<HeapFlag> out;
  auto w = words(text);
  for (size_t i = 0; i < w.size(); ++i) {
    const std::string& t = w[i];
    HeapFlag h;
    h.text = t;
    if (t.rfind("-Xmx", 0) == 0) {
      auto b = parse_memory(SV(t).substr(4), QuantityDialect::java);
      if (!b) continue;
      h.bytes = *b;
    } else if (t.rfind("-XX:MaxHeapSize=", 0) == 0) {
      auto b = parse_memory(SV(t).substr(16), QuantityDialect::java);
      if (!b) continue;
      h.bytes = *b;
    } else if (t.rfind("-XX:MaxRAMPercentage=", 0) == 0) {
      SV v = SV(t).substr(21);
      char* end = nullptr;
      std::string s(v);
      double p = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size() || !(p > 0 && p <= 100)) continue;
      h.percent = p;
    } else if (t.rfind("-XX:ActiveProcessorCount=", 0) == 0) {
      h.active_processor_count = true;
    } else if (t.rfind("--v8-pool-size=", 0) == 0) {  // Node's GC/compiler threads, pinned
      h.active_processor_count = true;
      h.node = true;
    } else if (t.rfind("--max-old-space-size", 0) == 0 || t.rfind("--max_old_space_size", 0) == 0) {
      SV rest = SV(t).substr(20);
      if (rest.empty() && i + 1 < w.size()) {
        if (!mebibytes(w[i + 1], h.bytes)) continue;
        h.text = t + " " + w[++i];
      } else if (rest.empty() || rest.front() != '=' || !mebibytes(rest.substr(1), h.bytes)) {
        continue;
      }
      h.node = true;
    } else {
      continue;
    }
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace dd::kb
