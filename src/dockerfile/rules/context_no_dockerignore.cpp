// DD3002: no .dockerignore while the Dockerfile copies from the context.
#include <map>

#include "dockerfile/rules/context_util.h"

namespace dd::dockerfile {
namespace {

using namespace ctxrule;

// Context items that almost never belong in an image: base name (Go
// filepath.Match) -> the .dockerignore line.
struct Junk {
  std::string_view name;
  bool dir;  // only when it is a folder
  std::string_view line;
};

const Junk kJunk[] = {
    {".git", true, ".git"},
    {"node_modules", true, "**/node_modules"},
    {".env", false, "**/.env"},
    {".env.*", false, "**/.env.*"},
    {"__pycache__", true, "**/__pycache__"},
    {"*.pyc", false, "**/*.pyc"},
    {".venv", true, ".venv"},
    {"venv", true, "venv"},
    {".pytest_cache", true, "**/.pytest_cache"},
    {".mypy_cache", true, "**/.mypy_cache"},
    {".tox", true, ".tox"},
    {"target", true, "target"},
    {"dist", true, "dist"},
    {"build", true, "build"},
    {".gradle", true, ".gradle"},
    {"bin", true, "**/bin"},
    {"obj", true, "**/obj"},
    {".next", true, ".next"},
    {".nuxt", true, ".nuxt"},
    {"coverage", true, "coverage"},
    {".terraform", true, "**/.terraform"},
    {"*.tfstate", false, "**/*.tfstate"},
    {"*.log", false, "**/*.log"},
    {".idea", true, ".idea"},
    {".vscode", true, ".vscode"},
    {".DS_Store", false, "**/.DS_Store"},
    {"*.pem", false, "**/*.pem"},
    {"*.key", false, "**/*.key"},
    {"docker-compose*.yml", false, "docker-compose*.yml"},
};

// A context this big, or with this many entries, is worth ignoring files of
// even when nothing in it is known junk.
constexpr uint64_t kLargeBytes = 10ull << 20;
constexpr size_t kManyEntries = 1000;

// True when a COPY/ADD source names `path` or a file below it
// (COPY target/app.jar makes target needed), not through a whole-context COPY.
bool copied_by_name(const std::vector<Source>& sources, const std::string& path) {
  for (const auto& s : sources) {
    std::string src = s.path;
    while (src.rfind("./", 0) == 0) src.erase(0, 2);
    while (!src.empty() && src.back() == '/') src.pop_back();
    if (src.empty() || whole_context(s.path)) continue;
    if (src == path || src.rfind(path + "/", 0) == 0) return true;
  }
  return false;
}

class ContextNoDockerignore : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (!in.context || !in.context->ignore_file().empty()) return;
    auto sources = context_sources(in);
    if (sources.empty()) return;
    const auto& ctx = *in.context;
    // What is in the context that should not be, with its size.
    std::map<std::string, uint64_t> found;  // .dockerignore line -> bytes
    std::vector<std::string> order;
    std::map<std::string, std::string> dir_of;  // matched folder -> line, to sum sizes below it
    for (const auto& e : ctx.entries()) {
      std::string_view base = base_name(e.path);
      bool counted = false;
      for (size_t slash = e.path.find('/'); slash != std::string::npos && !counted; slash = e.path.find('/', slash + 1)) {
        auto it = dir_of.find(e.path.substr(0, slash));
        if (it != dir_of.end()) {
          found[it->second] += e.size;
          counted = true;
        }
      }
      if (counted) continue;
      for (const auto& j : kJunk) {
        if (j.dir != e.is_dir || !go_path_match(j.name, base)) continue;
        // What a COPY takes by name (COPY target/app.jar, COPY dist/ ...)
        // is what the build needs: ignoring it would break the build.
        if (copied_by_name(sources, e.path)) break;
        std::string line(j.line);
        if (!found.count(line)) order.push_back(line);
        found[line] += e.size;
        if (e.is_dir) dir_of[e.path] = line;
        break;
      }
    }
    const Source& first = sources.front();
    // Prefer the instruction that sends the whole context.
    const Source* at = &first;
    for (const auto& s : sources)
      if (whole_context(s.path)) {
        at = &s;
        break;
      }
    std::string msg = "No .dockerignore in the build context " + ctx.root().string() + ": " +
                      std::to_string(ctx.entries().size()) + " entries (" + human_size(ctx.total_size()) +
                      ") are sent to the builder, and " + written(*at->ins) + " on line " +
                      std::to_string(at->ins->range.begin.line) + " copies from it";
    if (!order.empty()) {
      std::vector<std::string> named;
      for (const auto& l : order) named.push_back(l + " (" + human_size(found[l]) + ")");
      msg += ", including " + list_names(named, 6);
    }
    // In proportion to what the context holds: a few small files cost
    // nothing to send and hold nothing to leak, so that is worth knowing
    // (info), not a warning. Junk (.git, node_modules, env files, keys,
    // build output) or a large context is.
    bool large = ctx.total_size() >= kLargeBytes || ctx.entries().size() >= kManyEntries;
    if (order.empty() && !large)
      msg += "; the context is small and holds nothing known to leak, so this costs little today";
    Finding f = in.at(at->arg->range, msg);
    if (order.empty() && !large) f.severity = Severity::info;
    f.root_cause = "Without a .dockerignore every file of the context is uploaded on each build, any change to them "
                   "busts the COPY cache, and stray secrets or local artefacts can land in the image.";
    std::string fix = "Create .dockerignore next to the Dockerfile with:\n";
    if (order.empty()) order = {".git", "**/*.log"};
    for (const auto& l : order) fix += l + "\n";
    f.fix = fix;
    in.propose_append({ignore_file_for_fix(ctx), order});
    f.tags = {"dockerignore"};
    out.add(info_, std::move(f));
  }

 private:
  const RuleInfo& info_ = ctxrule::ContextRules::add({
      .id = "DD3002",
      .name = "context-no-dockerignore",
      .category = Category::slow_build,
      .severity = Severity::warning,
      .summary = "No .dockerignore for a build that copies from the context",
      .rationale = "Every build uploads the whole context (.git, node_modules, build output) and any change in it "
                   "invalidates the COPY cache; local secrets and artefacts end up in the image.",
      .fix = "Add a .dockerignore that leaves out .git, dependency folders, build output, logs and env files.",
      .tags = {"dockerignore"},
  });
};

DD_DOCKERFILE_RULE(ContextNoDockerignore)

}  // namespace
}  // namespace dd::dockerfile
