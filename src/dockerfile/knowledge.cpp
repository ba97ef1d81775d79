#include "dockerfile/knowledge.h"
#include "core/text.h"

#include "dockerfile/rule.h"

namespace dd::dockerfile::kb {

using SV = std::string_view;

std::string lower(std::string_view s) { return dd::text::lower(s); }

std::string_view basename(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  size_t s = p.rfind('/');
  return s == SV::npos ? p : p.substr(s + 1);
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != SV::npos; }

}  // namespace dd::dockerfile::kb

namespace dd::dockerfile::kb {

std::string line_text(const Dockerfile& df, int line) {
  if (line < 1 || static_cast<size_t>(line) > df.lines.size()) return {};
  std::string s = df.lines[line - 1];
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  s.erase(0, a);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\\' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace dd::dockerfile::kb
