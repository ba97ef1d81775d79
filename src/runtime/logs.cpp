// Saved log files -> numbered lines. See logs.h.
#include "runtime/logs.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "engine/client.h"

namespace dd::runtime {
namespace {

// "2024-05-01T10:00:00.123456789Z " as written by docker logs -t.
size_t timestamp_prefix(std::string_view l) {
  if (l.size() < 21) return 0;
  auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>(l[i])) != 0; };
  if (!(digit(0) && digit(1) && digit(2) && digit(3) && l[4] == '-' && l[7] == '-' && l[10] == 'T' && l[13] == ':'))
    return 0;
  size_t sp = l.find(' ');
  if (sp == std::string_view::npos || sp > 40) return 0;
  char last = l[sp - 1];
  if (last != 'Z' && !digit(sp - 1)) return 0;
  return sp + 1;
}

}  // namespace

Logs parse_log_text(std::string_view text, const std::string& file) {
  Logs logs;
  logs.file = file;
  size_t pos = 0;
  int n = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++n;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    l.remove_prefix(timestamp_prefix(l));
    logs.lines.push_back({0, n, std::string(l)});
  }
  return logs;
}

Logs read_log_file(const std::filesystem::path& file, int tail) {
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  if (!in || std::filesystem::is_directory(file, ec)) throw InputError(file.string() + ": cannot read the log file");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  // A raw multiplexed stream saved from the API: 8-byte frame headers.
  if (text.size() >= 8 && static_cast<unsigned char>(text[0]) <= 2 && text[1] == 0 && text[2] == 0 && text[3] == 0) {
    bool truncated = false;
    auto lines = engine::demux_logs(text, false, &truncated);
    if (truncated) throw InputError(file.string() + ": truncated log stream (a frame is cut short)");
    Logs logs;
    logs.file = file.string();
    int n = 0;
    for (auto& l : lines) logs.lines.push_back({l.stream, ++n, std::move(l.text)});
    keep_tail(logs, tail);
    return logs;
  }
  Logs logs = parse_log_text(text, file.string());
  keep_tail(logs, tail);
  return logs;
}

void keep_tail(Logs& logs, int tail) {
  if (tail > 0 && logs.lines.size() > static_cast<size_t>(tail))
    logs.lines.erase(logs.lines.begin(), logs.lines.end() - tail);
}

}  // namespace dd::runtime
