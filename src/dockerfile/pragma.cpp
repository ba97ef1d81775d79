#include "dockerfile/pragma.h"

namespace dd::dockerfile {
namespace {

void skip_blanks(std::string_view& t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
}

// "A, B ,C D": ids separated by commas, blanks allowed around them; the list
// ends at a blank not followed by a comma (as hadolint reads it).
std::vector<std::string> split_ids(std::string_view t) {
  std::vector<std::string> out;
  while (true) {
    skip_blanks(t);
    size_t n = 0;
    while (n < t.size() && t[n] != ',' && t[n] != ' ' && t[n] != '\t') ++n;
    if (n) out.emplace_back(t.substr(0, n));
    t.remove_prefix(n);
    skip_blanks(t);
    if (t.empty() || t.front() != ',') return out;
    t.remove_prefix(1);
  }
}

}  // namespace

std::optional<IgnorePragma> ignore_pragma(std::string_view t) {
  if (t.starts_with("drydock"))
    t.remove_prefix(7);
  else if (t.starts_with("hadolint"))
    t.remove_prefix(8);
  else
    return std::nullopt;
  if (t.empty() || (t.front() != ' ' && t.front() != '\t')) return std::nullopt;  // "drydocker", "hadolint:"
  skip_blanks(t);
  IgnorePragma p;
  if (t.starts_with("global")) {
    p.global = true;
    t.remove_prefix(6);
    skip_blanks(t);
  }
  if (!t.starts_with("ignore")) return std::nullopt;
  t.remove_prefix(6);
  skip_blanks(t);
  if (!t.starts_with('=')) return std::nullopt;
  t.remove_prefix(1);
  p.ids = split_ids(t);
  return p;
}

}  // namespace dd::dockerfile
