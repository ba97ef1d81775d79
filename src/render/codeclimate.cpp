// GitLab Code Quality (the Code Climate issue format): a JSON array with one
// issue per finding, as `hadolint -f gitlab_codeclimate` writes.
#include <cstdint>
#include <map>

#include "render/render.h"

namespace dd::render {
namespace {

using ojson = nlohmann::ordered_json;

// Code Climate severities: info, minor, major, critical, blocker.
const char* codeclimate_severity(Severity s) {
  switch (s) {
    case Severity::error: return "blocker";
    case Severity::warning: return "major";
    default: return "info";
  }
}

const char* category(Category c) {
  switch (c) {
    case Category::secret_leak:
    case Category::vulnerability:
    case Category::runs_as_root: return "Security";
    case Category::image_bloat:
    case Category::slow_build: return "Performance";
    case Category::best_practice: return "Style";
    default: return "Bug Risk";
  }
}

// 64-bit FNV-1a in hex: stable across runs, machines and compilers.
std::string fingerprint(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char* hex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = hex[h & 15];
  return out;
}

}  // namespace

void codeclimate(std::ostream& out, const std::vector<Finding>& findings, const Options& opt) {
  ojson issues = ojson::array();
  std::map<std::string, int> seen;  // the same rule, file and text twice still gets two fingerprints
  for (const auto& raw : findings) {
    const Finding f = scrubbed(raw, opt);
    std::string path = subject_of(f.location);
    if (path.rfind("./", 0) == 0) path.erase(0, 2);
    const std::string text = f.message.empty() ? f.title : f.message;
    // No line number in the key: an issue keeps its fingerprint when lines move.
    std::string key = f.rule + '\n' + path + '\n' + text;
    key += '\n' + std::to_string(seen[key]++);
    ojson i;
    i["type"] = "issue";
    i["check_name"] = f.rule;
    i["description"] = text;
    i["content"] = {{"body", f.fix.empty() ? f.root_cause : f.root_cause + "\n\nFix: " + f.fix}};
    i["categories"] = ojson::array({category(f.category)});
    i["severity"] = codeclimate_severity(f.severity);
    i["fingerprint"] = fingerprint(key);
    i["location"] = {{"path", path}, {"lines", {{"begin", f.location.line > 0 ? f.location.line : 1}}}};
    issues.push_back(std::move(i));
  }
  out << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace dd::render
