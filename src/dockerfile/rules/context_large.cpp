// DD3003: a very large build context, or heavy folders sent with it.
#include <algorithm>
#include <map>
#include <set>

#include "dockerfile/rules/context_util.h"

namespace dd::dockerfile {
namespace {

using namespace ctxrule;

constexpr uint64_t kTotalLimit = 100ull << 20;  // whole context sent
constexpr uint64_t kHeavyDir = 10ull << 20;     // a dependency or VCS folder
constexpr uint64_t kHugeItem = 50ull << 20;     // any single top-level item

bool heavy_name(std::string_view n) {
  for (std::string_view h : {"node_modules", ".git", "target", ".venv", "venv", ".terraform", ".next", ".gradle",
                             "coverage", "dist", "build", "__pycache__", ".cache", "vendor"})
    if (n == h) return true;
  return false;
}

class ContextLarge : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (!in.context) return;
    const auto& ctx = *in.context;
    auto sources = context_sources(in);
    if (sources.empty()) return;
    // What the COPY/ADD sources read: everything when one takes the whole
    // context, else the union of what they match.
    const Source* whole = nullptr;
    for (const auto& s : sources)
      if (whole_context(s.path)) {
        whole = &s;
        break;
      }
    uint64_t sent = 0;
    const Source* biggest = &sources.front();
    std::vector<context::Entry> items;  // top-level items read, largest first
    if (whole) {
      sent = ctx.total_size();
      biggest = whole;
      items = ctx.largest(8);
    } else {
      std::set<const context::Entry*> all;
      uint64_t best = 0;
      for (const auto& s : sources) {
        uint64_t mine = 0;
        for (const auto* e : ctxrule::sent(ctx, s)) {
          mine += e->size;
          if (all.insert(e).second) sent += e->size;
        }
        if (mine > best) {
          best = mine;
          biggest = &s;
        }
      }
      std::map<std::string, context::Entry> top;
      for (const auto* e : all) {
        size_t slash = e->path.find('/');
        auto& t = top[e->path.substr(0, slash)];
        t.path = e->path.substr(0, slash);
        t.is_dir = t.is_dir || slash != std::string::npos || e->is_dir;
        t.size += e->size;
      }
      for (auto& [_, t] : top) items.push_back(t);
      std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.size > b.size; });
      if (items.size() > 8) items.resize(8);
    }
    std::vector<std::string> heavy;
    std::vector<std::string> named;
    for (const auto& e : items) {
      named.push_back(e.path + (e.is_dir ? "/" : "") + " (" + human_size(e.size) + ")");
      if ((heavy_name(e.path) && e.size >= kHeavyDir) || e.size >= kHugeItem) heavy.push_back(e.path);
    }
    if (sent < kTotalLimit && heavy.empty()) return;
    const Instruction& ins = *biggest->ins;
    std::string msg = written(ins) + " on line " + std::to_string(ins.range.begin.line) + " reads a build context of " +
                      human_size(sent) + (ctx.truncated() ? " (or more: the walk stopped early)" : "");
    if (!named.empty()) msg += "; largest items: " + list_names(named, 5);
    Finding f = in.at(biggest->arg->range, msg);
    f.root_cause = "Every build uploads and checksums these bytes before the first step runs, and any change in them "
                   "invalidates the COPY cache, so CI builds are slow even when the code did not change.";
    std::string fix = "Add to .dockerignore:\n";
    if (heavy.empty()) {
      for (size_t i = 0; i < items.size() && i < 3; ++i) fix += items[i].path + "\n";
    } else {
      for (const auto& h : heavy) fix += h + "\n";
    }
    fix += "and COPY only what the build needs (e.g. COPY package.json package-lock.json ./ then COPY src/ ./src/).";
    f.fix = fix;
    f.tags = {"dockerignore", "context-size"};
    out.add(info_, std::move(f));
  }

 private:
  const RuleInfo& info_ = ctxrule::ContextRules::add({
      .id = "DD3003",
      .name = "context-large",
      .category = Category::slow_build,
      .severity = Severity::warning,
      .summary = "Very large build context",
      .rationale = "Hundreds of megabytes (node_modules, .git, datasets, build output) are uploaded and hashed on every "
                   "build, which makes CI slow and busts the cache.",
      .fix = "Exclude the heavy items in .dockerignore and copy only what the build needs.",
      .tags = {"dockerignore"},
  });
};

DD_DOCKERFILE_RULE(ContextLarge)

}  // namespace
}  // namespace dd::dockerfile
