#pragma once
// Shared test helpers: paths, running the drydock binary, temporary
// directories.
#include <filesystem>
#include <string>
#include <vector>

namespace dd::test {

std::filesystem::path source_dir();   // the repository root
std::filesystem::path shared_dir();   // ../shared beside it
std::string drydock_binary();

struct RunResult {
  int status = -1;  // exit status, or 128+signal
  std::string out;
  std::string err;
};
// Runs argv (no shell) with an optional environment addition, capturing
// stdout and stderr.
RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {});
// Runs the drydock binary with these arguments.
RunResult drydock(const std::vector<std::string>& args, const std::vector<std::string>& extra_env = {});

// A temporary directory removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes a file (creating folders) and returns its path.
  std::filesystem::path write(const std::string& rel, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

std::string read_text(const std::filesystem::path& p);

// The SARIF 2.1.0 schema installed by scripts/install-deps.sh; empty when it
// is missing (the caller skips with a message).
std::string sarif_schema();
// Validates a SARIF document against the schema with Debian's
// python3-jsonschema. status 0 and "valid" on stdout when it conforms.
RunResult validate_sarif(const std::string& sarif_text);

}  // namespace dd::test
