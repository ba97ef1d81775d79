// Where lint time goes, rule by rule, over the shared Dockerfile corpus (one
// core): the parse, each rule's check on warm shared caches, and the cost of
// the shared per-instruction caches (scripts, command lists, scopes) that the
// first rule to ask pays for. Run: build/bench/rule_costs [repeats]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/report.h"
#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/packages.h"
#include "knowledge/programs.h"
#include "core/text.h"
#include "dockerfile/parser.h"
#include "dockerfile/command.h"
#include "dockerfile/rule.h"
#include "lint/lint.h"
#include "corpus.h"

namespace {
using Clock = std::chrono::steady_clock;
double us(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }
}  // namespace

int main(int argc, char** argv) {
  int repeats = argc > 1 ? std::atoi(argv[1]) : 20;
  const auto& files = bench::corpus();
  dd::Config cfg;
  const auto& rules = dd::dockerfile::rules();
  std::vector<double> warm(rules.size(), 0);
  double parse = 0, cold = 0, whole = 0, t_script = 0, t_kb = 0, t_util = 0, t_scope = 0;
  for (int r = 0; r < repeats; ++r) {
    for (const auto& [path, text] : files) {
      auto t0 = Clock::now();
      auto df = dd::dockerfile::parse(text, path);
      auto t1 = Clock::now();
      parse += us(t1 - t0);
      {
        // The shared caches one at a time, in the order rules would fill them.
        dd::dockerfile::LintInput in(df, nullptr, cfg);
        auto s0 = Clock::now();
        for (const auto& ins : df.instructions) in.script(ins);
        auto s1 = Clock::now();
        for (const auto& ins : df.instructions) dd::dockerfile::instruction_commands(in, ins);
        auto s2 = Clock::now();
        for (const auto& ins : df.instructions) dd::dockerfile::commands(in, ins);
        auto s3 = Clock::now();
        if (!df.instructions.empty()) in.scope(df.instructions.front());
        auto s4 = Clock::now();
        t_script += us(s1 - s0);
        t_kb += us(s2 - s1);
        t_util += us(s3 - s2);
        t_scope += us(s4 - s3);
      }
      {
        dd::dockerfile::LintInput in(df, nullptr, cfg);
        dd::Report rep(&cfg);
        auto c0 = Clock::now();
        for (const auto* rule : rules) rule->check(in, rep);
        cold += us(Clock::now() - c0);
        for (size_t i = 0; i < rules.size(); ++i) {
          dd::Report rep2(&cfg);
          auto w0 = Clock::now();
          rules[i]->check(in, rep2);
          warm[i] += us(Clock::now() - w0);
        }
      }
      auto l0 = Clock::now();
      auto res = dd::lint::lint_text(text, path, nullptr, cfg);
      whole += us(Clock::now() - l0);
    }
  }
  double n = double(files.size()) * repeats;
  double warm_sum = 0;
  for (double w : warm) warm_sum += w;
  std::printf("%zu files x %d: per file, microseconds\n", files.size(), repeats);
  std::printf("  lint_text (parse + rules + pragmas) %8.1f\n", whole / n);
  std::printf("  parse                               %8.1f\n", parse / n);
  std::printf("  all rules, cold caches              %8.1f\n", cold / n);
  std::printf("  all rules, warm caches (sum)        %8.1f\n", warm_sum / n);
  std::printf("  shared caches (cold - warm)         %8.1f\n", (cold - warm_sum) / n);
  std::printf("    shell scripts                     %8.1f\n", t_script / n);
  std::printf("    kb::commands                      %8.1f\n", t_kb / n);
  std::printf("    util::commands                    %8.1f\n", t_util / n);
  std::printf("    variable scopes                   %8.1f\n", t_scope / n);
  std::vector<size_t> order(rules.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return warm[a] > warm[b]; });
  std::printf("slowest rules (warm):\n");
  for (size_t k = 0; k < std::min<size_t>(argc > 2 ? order.size() : 25, order.size()); ++k) {
    const auto& info = rules[order[k]]->info();
    std::printf("  %-8s %-34s %8.2f\n", info.id.c_str(), info.name.c_str(), warm[order[k]] / n);
  }
}
