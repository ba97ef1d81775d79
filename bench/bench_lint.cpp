// In-process cost of linting: parse alone, and parse plus every rule, over
// the shared Dockerfile corpus. Run: build/bench/bench_lint
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "dockerfile/parser.h"
#include "dockerfile/rule.h"
#include "dockerfile/shell.h"
#include "lint/lint.h"
#include "corpus.h"

namespace {

using bench::corpus;

void BM_Parse(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& [path, text] : corpus()) {
      auto df = dd::dockerfile::parse(text, path);
      benchmark::DoNotOptimize(df.instructions.data());
      bytes += text.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus().size()));
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);

// The shell tokenizer alone, on the script of every shell-form RUN, CMD,
// ENTRYPOINT and HEALTHCHECK of the corpus.
void BM_Shell(benchmark::State& state) {
  std::vector<std::string> scripts;
  for (const auto& [path, text] : corpus()) {
    auto df = dd::dockerfile::parse(text, path);
    for (const auto& ins : df.instructions)
      if (!ins.exec_form && (ins.keyword == "RUN" || ins.keyword == "CMD" || ins.keyword == "ENTRYPOINT"))
        scripts.push_back(dd::dockerfile::script_text(ins));
  }
  size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& s : scripts) {
      auto sc = dd::shell::parse(s);
      benchmark::DoNotOptimize(sc.commands.data());
      bytes += s.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * scripts.size()));
}
BENCHMARK(BM_Shell)->Unit(benchmark::kMillisecond);

void BM_LintAllRules(benchmark::State& state) {
  dd::Config cfg;
  size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& [path, text] : corpus()) {
      auto r = dd::lint::lint_text(text, path, nullptr, cfg);
      benchmark::DoNotOptimize(r.findings.data());
      bytes += text.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus().size()));
}
BENCHMARK(BM_LintAllRules)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
