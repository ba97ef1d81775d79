#include "lint/context_report.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <unordered_set>

#include "dockerfile/rules/context_util.h"

namespace dd::lint {
namespace {

namespace fs = std::filesystem;

using dockerfile::ctxrule::human_size;

bool is_file(const context::Entry& e) { return !e.is_dir; }

std::vector<context::Entry> biggest(std::vector<context::Entry> v, size_t top) {
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.size > b.size; });
  if (v.size() > top) v.resize(top);
  return v;
}

nlohmann::json entries_json(const std::vector<context::Entry>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& e : v) a.push_back({{"path", e.path + (e.is_dir ? "/" : "")}, {"bytes", e.size}, {"dir", e.is_dir}});
  return a;
}

// Files and bytes below a folder the walk skipped whole (the engine never
// reads it either), bounded by *budget entries.
void du(const fs::path& dir, size_t& files, uint64_t& bytes, size_t& budget) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end && budget > 0; it.increment(ec), --budget) {
    const auto st = it->symlink_status(ec);
    if (ec) break;
    if (fs::is_regular_file(st)) {
      ++files;
      bytes += it->file_size(ec);
      if (ec) ec.clear();
    } else if (fs::is_symlink(st)) {
      ++files;
    }
  }
}

std::string count(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

ContextReport context_report(const dockerfile::Dockerfile& df, const context::BuildContext& ctx, const Config& config,
                             size_t top) {
  ContextReport r;
  r.root = ctx.root().string();
  r.dockerfile = df.path;
  r.ignore_file = ctx.ignore_file().string();
  r.ignore_patterns = ctx.ignore().patterns().size();
  r.truncated = ctx.truncated();
  for (const auto& e : ctx.entries())
    if (is_file(e)) {
      ++r.files;
      r.bytes += e.size;
    }
  // What is left out, summed by top-level item. A folder the walk skipped
  // whole is measured here; one it went into has its files listed already.
  size_t budget = context::BuildContext::kMaxEntries;
  std::map<std::string, context::Entry> by_top;  // top-level item -> size
  const auto& ex = ctx.excluded();
  for (size_t i = 0; i < ex.size(); ++i) {
    const auto& e = ex[i];
    uint64_t size = e.size;
    size_t files = e.is_dir ? 0 : 1;
    if (e.is_dir) {
      const std::string prefix = e.path + "/";
      auto below = [&](const std::vector<context::Entry>& v) {
        auto it = std::lower_bound(v.begin(), v.end(), prefix,
                                   [](const context::Entry& x, const std::string& p) { return x.path < p; });
        return it != v.end() && it->path.compare(0, prefix.size(), prefix) == 0;
      };
      const bool entered = below(ex) || below(ctx.entries());
      if (!entered) du(ctx.root() / e.path, files, size, budget);
    }
    r.excluded_files += files;
    r.excluded_bytes += size;
    const size_t slash = e.path.find('/');
    auto& item = by_top[e.path.substr(0, slash)];
    item.is_dir = item.is_dir || e.is_dir || slash != std::string::npos;
    item.size += size;
  }
  std::vector<context::Entry> left_out;
  for (auto& [path, item] : by_top) left_out.push_back({path, item.size, item.is_dir, false});
  r.excluded_largest = biggest(std::move(left_out), top);
  r.largest = biggest(ctx.largest(top), top);

  dockerfile::LintInput in(df, &ctx, config);
  std::unordered_set<const context::Entry*> used;
  const dockerfile::Instruction* current = nullptr;
  for (const auto& src : dockerfile::ctxrule::context_sources(in)) {
    if (src.ins != current) {
      current = src.ins;
      ContextCopy c;
      c.line = src.ins->range.begin.line;
      const int s = src.ins->stage;
      c.stage = s >= 0 && static_cast<size_t>(s) < df.stages.size() && !df.stages[s].name.empty()
                    ? df.stages[s].name
                    : "#" + std::to_string(s);
      c.instruction = dockerfile::ctxrule::written(*src.ins);
      r.copies.push_back(std::move(c));
    }
    ContextCopy& c = r.copies.back();
    c.sources.push_back(src.path);
    auto largest = std::move(c.largest);
    for (const auto* e : dockerfile::ctxrule::sent(ctx, src)) {
      if (!is_file(*e)) continue;
      ++c.files;
      c.bytes += e->size;
      largest.push_back(*e);
      used.insert(e);
    }
    c.largest = biggest(std::move(largest), std::min<size_t>(top, 5));
  }
  // Sources whose variables could not be resolved are left out above.
  for (const auto& ins : df.instructions) {
    if ((ins.kind != dockerfile::Kw::COPY && ins.kind != dockerfile::Kw::ADD) || ins.flag("from")) continue;
    for (size_t i = 0; i + 1 < ins.args.size(); ++i)
      if (ins.args[i].text.find('$') != std::string::npos &&
          !dockerfile::expand(ins.args[i].text, in.scope(ins), df.escape).unresolved.empty())
        r.unknown_sources = true;
  }
  // The Dockerfile and the ignore file are read by the build itself.
  auto relative = [&](const fs::path& p) {
    std::error_code ec;
    auto rel = fs::relative(p, ctx.root(), ec);
    return ec ? std::string() : rel.lexically_normal().generic_string();
  };
  const std::string own_dockerfile = relative(df.path), own_ignore = relative(ctx.ignore_file());
  std::vector<context::Entry> unused;
  for (const auto& e : ctx.entries())
    if (is_file(e) && !used.count(&e) && e.path != own_dockerfile && e.path != own_ignore) {
      ++r.unused_files;
      r.unused_bytes += e.size;
      unused.push_back(e);
    }
  r.unused_largest = biggest(std::move(unused), top);
  return r;
}

nlohmann::json to_json(const ContextReport& r) {
  nlohmann::json copies = nlohmann::json::array();
  for (const auto& c : r.copies)
    copies.push_back({{"line", c.line},
                      {"stage", c.stage},
                      {"instruction", c.instruction},
                      {"sources", c.sources},
                      {"files", c.files},
                      {"bytes", c.bytes},
                      {"largest", entries_json(c.largest)}});
  return {{"root", r.root},
          {"dockerfile", r.dockerfile},
          {"ignore_file", r.ignore_file.empty() ? nlohmann::json() : nlohmann::json(r.ignore_file)},
          {"ignore_patterns", r.ignore_patterns},
          {"files", r.files},
          {"bytes", r.bytes},
          {"excluded_files", r.excluded_files},
          {"excluded_bytes", r.excluded_bytes},
          {"excluded_largest", entries_json(r.excluded_largest)},
          {"unused_files", r.unused_files},
          {"unused_bytes", r.unused_bytes},
          {"unused_largest", entries_json(r.unused_largest)},
          {"unresolved_sources", r.unknown_sources},
          {"truncated", r.truncated},
          {"largest", entries_json(r.largest)},
          {"copies", copies}};
}

std::string to_text(const ContextReport& r) {
  std::string out;
  char line[512];
  out += "Build context " + r.root + " for " + r.dockerfile + "\n";
  out += r.ignore_file.empty() ? std::string("  no ignore file: everything below the folder is sent\n")
                               : "  ignore file " + r.ignore_file + " (" + count(r.ignore_patterns, "pattern", "patterns") + ")\n";
  std::snprintf(line, sizeof line, "  %-9s %10s  %s\n", "sent", human_size(r.bytes).c_str(),
                count(r.files, "file", "files").c_str());
  out += line;
  if (!r.ignore_file.empty()) {
    std::snprintf(line, sizeof line, "  %-9s %10s  %s left out by the ignore file\n", "excluded",
                  human_size(r.excluded_bytes).c_str(), count(r.excluded_files, "file", "files").c_str());
    out += line;
  }
  std::snprintf(line, sizeof line, "  %-9s %10s  %s sent but taken by no COPY/ADD%s\n", "unused",
                human_size(r.unused_bytes).c_str(), count(r.unused_files, "file", "files").c_str(),
                r.unknown_sources ? " (some sources use unresolved variables)" : "");
  out += line;
  if (r.truncated) out += "  the walk stopped at its bound: the numbers are lower bounds\n";
  if (!r.largest.empty()) {
    out += "\nLargest items sent\n";
    for (const auto& e : r.largest) {
      std::snprintf(line, sizeof line, "  %10s  %s%s\n", human_size(e.size).c_str(), e.path.c_str(), e.is_dir ? "/" : "");
      out += line;
    }
  }
  if (!r.excluded_largest.empty() && r.excluded_bytes > 0) {
    out += "\nLargest items left out by the ignore file\n";
    for (const auto& e : r.excluded_largest) {
      if (e.size == 0) continue;
      std::snprintf(line, sizeof line, "  %10s  %s%s\n", human_size(e.size).c_str(), e.path.c_str(), e.is_dir ? "/" : "");
      out += line;
    }
  }
  if (r.unused_bytes > 0) {
    out += "\nLargest files sent but taken by no COPY/ADD (candidates for the ignore file)\n";
    for (const auto& e : r.unused_largest) {
      std::snprintf(line, sizeof line, "  %10s  %s\n", human_size(e.size).c_str(), e.path.c_str());
      out += line;
    }
  }
  out += "\nCOPY/ADD from the context\n";
  if (!r.copies.empty()) {
    std::snprintf(line, sizeof line, "  %-9s %-12s %10s  %-11s %s\n", "line", "stage", "size", "files", "instruction");
    out += line;
  }
  if (r.copies.empty()) out += "  none: the build reads nothing from the context\n";
  for (const auto& c : r.copies) {
    std::snprintf(line, sizeof line, "  %-9d %-12s %10s  %-11s %s\n", c.line, c.stage.c_str(),
                  human_size(c.bytes).c_str(), count(c.files, "file", "files").c_str(), c.instruction.c_str());
    out += line;
    if (c.files > 1)
      for (const auto& e : c.largest) {
        std::snprintf(line, sizeof line, "%25s%10s  %s\n", "", human_size(e.size).c_str(), e.path.c_str());
        out += line;
      }
  }
  return out;
}

}  // namespace dd::lint
