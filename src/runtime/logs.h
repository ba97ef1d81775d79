#pragma once
// Container logs as the knowledge base reads them: numbered lines with the
// stream they came from.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dd::runtime {

struct LogEntry {
  int stream = 1;  // 1 stdout, 2 stderr, 0 unknown (saved file), 3 State.Error
  int number = 0;  // 1-based line number in its source
  std::string text;
};

struct Logs {
  std::string file;  // the saved log file, when read from one
  std::vector<LogEntry> lines;
};

// Splits saved log text (`docker logs`, `kubectl logs`) into lines, dropping
// a leading RFC 3339 timestamp (`docker logs -t`) and trailing CRs.
Logs parse_log_text(std::string_view text, const std::string& file = {});
// Reads a saved log file; keeps the last `tail` lines (0: all). Throws
// InputError naming the file when it cannot be read.
Logs read_log_file(const std::filesystem::path& file, int tail = 0);
// Keeps only the last `tail` lines (0: all).
void keep_tail(Logs& logs, int tail);

}  // namespace dd::runtime
