// drydock lint PATH...: Dockerfile and build-context analysis.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/cli.h"
#include "core/error.h"
#include "lint/discover.h"
#include "lint/fix.h"
#include "lint/lint.h"

namespace fs = std::filesystem;

namespace dd::cli {
namespace {

struct LintArgs {
  Common common;
  std::vector<std::string> paths;
  std::string context;
  std::string stdin_name;  // --stdin-filename: how standard input is shown
  bool no_context = false;
  bool fix = false;
  bool write = false;
  std::vector<std::string> build_args;  // --build-arg NAME=VALUE or NAME
};

// --build-arg as docker build reads it: NAME=VALUE, or NAME alone for the
// value of the environment variable NAME (left out when it is not set).
dockerfile::BuildArgs parse_build_args(const std::vector<std::string>& given) {
  dockerfile::BuildArgs out;
  for (const auto& a : given) {
    size_t eq = a.find('=');
    std::string name = a.substr(0, eq);
    if (name.empty() || name.find_first_of(" \t") != std::string::npos)
      throw InputError("lint: --build-arg " + a + ": expected NAME=VALUE or NAME");
    if (eq != std::string::npos) {
      out[name] = a.substr(eq + 1);
    } else if (const char* v = std::getenv(name.c_str())) {
      out[name] = v;
    }
  }
  return out;
}

// Frees what `x` holds. (Assigning {} would keep the buffers of its strings:
// libstdc++ copies a short string into the old allocation.)
template <typename T>
void release(T& x) {
  T gone = std::move(x);
}

// `pieces`: render each file's findings on the worker that linted it (json
// and text), so the report is only joined at the end.
int run_lint(const LintArgs& a, bool pieces = true) {
  if (a.paths.empty()) throw InputError("lint: no Dockerfile or directory given");
  if (!a.context.empty() && a.paths.size() > 1)
    throw InputError("lint: --context applies to a single Dockerfile, " + std::to_string(a.paths.size()) + " given");
  std::vector<Finding> all;
  const dockerfile::BuildArgs build_args = parse_build_args(a.build_args);
  if (!a.stdin_name.empty() && std::find(a.paths.begin(), a.paths.end(), "-") == a.paths.end())
    throw InputError("lint: --stdin-filename names standard input, but no - was given");
  // Standard input given a name is configured as that file would be.
  Config config = load_config_for(a.common, a.paths.front() == "-" && !a.stdin_name.empty() ? a.stdin_name : a.paths.front());
  std::vector<std::pair<fs::path, fs::path>> targets;  // dockerfile, context
  std::optional<std::string> stdin_text;  // the Dockerfile given as "-"
  for (const auto& p : a.paths) {
    if (p == "-") {
      if (stdin_text) throw InputError("lint: - (standard input) given twice");
      if (a.write) throw InputError("lint: --write cannot write fixes back to standard input; use --fix for a diff");
      stdin_text = lint::read_file("/dev/stdin");
      targets.push_back({p, a.context.empty() ? fs::path() : fs::path(a.context)});
      continue;
    }
    std::error_code ec;
    const auto st = fs::status(p, ec);
    if (!fs::exists(st)) throw InputError(p + ": no such file or directory");
    if (fs::is_directory(st)) {
      auto files = lint::dockerfiles_in(p);
      if (files.empty()) throw InputError(p + ": no Dockerfile in this directory");
      for (auto& f : files) targets.push_back({f, a.context.empty() ? fs::path(p) : fs::path(a.context)});
    } else {
      targets.push_back({p, a.context.empty() ? fs::path() : fs::path(a.context)});
    }
  }
  // Files are independent: lint them on every core. Findings are reported by
  // file path: taking the files in that order keeps the concatenation sorted,
  // so the report needs no global sort.
  std::vector<size_t> order(targets.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return targets[x].first.native() < targets[y].first.native(); });
  std::vector<lint::Result> results(targets.size());
  std::vector<std::exception_ptr> errors(targets.size());
  std::atomic<bool> failed{false};
  const render::Format fmt = output_format(a.common);
  // (Standard input cannot be read twice for the fallback below.)
  pieces = pieces && !a.fix && !a.write && render::has_pieces(fmt) && (!stdin_text || targets.size() == 1);
  const render::Options ropt = render_options(a.common);
  std::vector<render::Piece> rendered(pieces ? targets.size() : 0);
  // The first and last finding of each file, to check that the files' pieces
  // join in the report's order.
  std::vector<std::pair<Finding, Finding>> ends(pieces ? targets.size() : 0);
  // Without a build context every finding is in the Dockerfile it came from,
  // so the pieces in path order are the report: each is written as soon as
  // the ones before it are, and a long run never holds the report whole.
  const bool stream = pieces && a.no_context;
  std::optional<render::PieceWriter> writer;
  if (stream) writer.emplace(fmt, std::cout, ropt);
  std::mutex emit_mu;
  std::vector<char> done(stream ? targets.size() : 0);  // by position in `order`
  size_t emitted = 0;                                  // positions written
  std::optional<Finding> last_written;
  auto emit_ready = [&] {  // with emit_mu held
    for (; emitted < order.size() && done[emitted]; ++emitted) {
      const size_t k = order[emitted];
      if (rendered[k].count) {
        if (last_written && finding_less(ends[k].first, *last_written))
          throw std::logic_error("lint: findings of " + targets[k].first.string() + " sort before those written");
        writer->add(rendered[k]);
        last_written = std::move(ends[k].second);
      }
      release(rendered[k]);
      release(ends[k]);
    }
  };
  std::atomic<size_t> next{0};
  lint::ContextCache contexts;  // Dockerfiles of one context share its walk
  auto worker = [&] {
    for (size_t pos; !failed && (pos = next.fetch_add(1)) < targets.size();) {
      const size_t i = order[pos];
      try {
        lint::Options opt;
        opt.context_dir = targets[i].second;
        opt.use_context = !a.no_context;
        opt.contexts = &contexts;
        opt.build_args = build_args;
        if (targets[i].first == "-") opt.display_path = a.stdin_name;
        results[i] = targets[i].first == "-" ? lint::lint_stdin(*stdin_text, opt, config)
                                             : lint::lint_file(targets[i].first, opt, config);
        sort_findings(results[i].findings);  // here, on every core, not once at the end
        if (pieces) {
          // Standard input cannot be read again for code frames: its lines come along.
          const render::Source in_memory{a.stdin_name.empty() ? "-" : a.stdin_name, &results[i].dockerfile.lines};
          rendered[i] = render::piece(fmt, results[i].findings, ropt, targets[i].first == "-" ? &in_memory : nullptr);
          auto& found = results[i].findings;
          if (!found.empty()) ends[i] = {found.front(), std::move(found.back())};  // a copy: they may be one finding
          release(results[i].findings);
        }
        // Keep only what the report needs, so memory stays flat however many
        // files are linted (and freed pages are reused instead of faulted in).
        release(results[i].dockerfile);
        if (!a.fix && !a.write) {
          release(results[i].edits);
          results[i].context.reset();
        }
        if (stream) {
          std::lock_guard lock(emit_mu);
          done[pos] = 1;
          emit_ready();
        }
      } catch (...) {
        // The first failure ends the run (exit 2); a streamed report stops
        // before the file that failed.
        errors[i] = std::current_exception();
        failed = true;
      }
    }
  };
  size_t n_threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), targets.size());
  std::vector<std::thread> pool;
  for (size_t t = 1; t < n_threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (size_t i : order)
    if (errors[i]) std::rethrow_exception(errors[i]);
  if (stream) return finish(*writer, a.common, config);
  if (pieces) {
    // Pieces join in order unless a file's findings sort among another's
    // (two Dockerfiles reporting on one context file): then lint again and
    // sort the whole report, which is rare.
    std::vector<render::Piece> joined;
    joined.reserve(order.size());
    const Finding* last = nullptr;
    for (size_t i : order) {
      if (rendered[i].count == 0) continue;
      if (last && finding_less(ends[i].first, *last)) return run_lint(a, false);
      last = &ends[i].second;
    }
    for (size_t i : order) joined.push_back(std::move(rendered[i]));
    return finish(joined, a.common, config);
  }
  size_t total = 0;
  for (const auto& r : results) total += r.findings.size();
  all.reserve(total);
  std::string diff;
  for (size_t i : order) {
    const auto& file = targets[i].first;
    auto& res = results[i];
    if (a.fix || a.write) {
      std::string original = file == "-" ? *stdin_text : lint::read_file(file);
      std::string fixed = original;
      if (!res.edits.empty()) fixed = lint::fix_text(original, file.string(), res.context.get(), config);
      if (fixed != original) {
        if (a.write) lint::write_file(file, fixed);
        else diff += lint::unified_diff(original, fixed, file == "-" && !a.stdin_name.empty() ? a.stdin_name : file.string());
      }
    }
    all.insert(all.end(), std::make_move_iterator(res.findings.begin()), std::make_move_iterator(res.findings.end()));
  }
  if (a.fix || a.write) {
    // Lines for other files (.dockerignore), grouped by file, in order.
    std::vector<std::pair<std::string, std::vector<std::string>>> appends;
    for (const auto& r : results)
      for (const auto& ap : r.appends) {
        auto it = std::find_if(appends.begin(), appends.end(), [&](const auto& p) { return p.first == ap.file; });
        if (it == appends.end()) it = appends.insert(appends.end(), {ap.file, {}});
        it->second.insert(it->second.end(), ap.lines.begin(), ap.lines.end());
      }
    for (const auto& [file, lines] : appends) {
      std::error_code ec;
      bool exists = fs::exists(file, ec);
      std::string before = exists ? lint::read_file(file) : std::string();
      std::string after = lint::append_lines(before, lines);
      if (after == before) continue;
      if (a.write) {
        lint::write_file(file, after);
      } else {
        std::string d = lint::unified_diff(before, after, file);
        // A new file comes from /dev/null, as git and patch expect.
        if (!exists && d.rfind("--- ", 0) == 0) d = "--- /dev/null" + d.substr(d.find('\n'));
        diff += d;
      }
    }
  }
  if (a.fix && !a.write) {
    std::cout << diff;
    return diff.empty() ? 0 : 1;
  }
  return finish(std::move(all), a.common, config);
}

DD_COMMAND("lint", "Lint Dockerfiles and their build contexts",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<LintArgs>();
             app->add_option("paths", a->paths,
                             "Dockerfiles, directories taken as build contexts, or - for standard input")
                 ->required();
             app->add_option("--context", a->context, "Build context for a single Dockerfile (default: its folder)");
             app->add_flag("--no-context", a->no_context, "Do not look at the build context");
             app->add_option("--stdin-filename,--file-path-in-report", a->stdin_name,
                             "The path to show for standard input (-) in the report; its config and "
                             "NAME.dockerignore are found as for that file");
             app->add_option("--build-arg", a->build_args,
                             "NAME=VALUE as given to docker build (repeatable; NAME alone takes the environment "
                             "variable): replaces the default of a declared ARG before the first FROM, and "
                             "BUILDKIT_DOCKERFILE_CHECK=skip=...;error=true replaces the # check= directive")
                 ->allow_extra_args(false);  // one NAME=VALUE per flag; commas stay in the value
             app->add_flag("--fix", a->fix, "Print the mechanical fixes as a unified diff");
             app->add_flag("--write", a->write, "With --fix: write the fixes into the files");
             add_common(app, a->common);
             add_dockerfile_options(app, a->common);
             app->footer(
                 "Examples:\n"
                 "  drydock lint .                          the Dockerfile(s) in . with . as build context\n"
                 "  drydock lint --fix --write Dockerfile   apply the mechanical fixes in place\n"
                 "  drydock lint --build-arg BUILDKIT_DOCKERFILE_CHECK=error=true .   BuildKit checks fail the run\n"
                 "  drydock lint - < Dockerfile             read standard input (no build context)\n"
                 "  drydock lint --context . -              standard input with a context, as docker build -f - .\n"
                 "  drydock lint --stdin-filename app/Dockerfile -   an editor's unsaved buffer, shown as app/Dockerfile");
             return [a] { return run_lint(*a); };
           },
           20)

}  // namespace
}  // namespace dd::cli
