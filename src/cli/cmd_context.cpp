// drydock context [DIR]: what a build sends to the engine and what each
// COPY/ADD takes from it, with the build-context findings.
#include <iostream>

#include "cli/cli.h"
#include "core/error.h"
#include "core/registry.h"
#include "lint/context_report.h"
#include "lint/lint.h"

namespace fs = std::filesystem;

namespace dd::cli {
namespace {

struct ContextArgs {
  Common common;
  std::string dir = ".";
  std::string file;  // -f, as docker build -f
  size_t top = 10;
};

int run_context(const ContextArgs& a) {
  std::error_code ec;
  if (!fs::is_directory(a.dir, ec)) throw InputError(a.dir + ": not a directory (the build context)");
  const fs::path dockerfile = a.file.empty() ? fs::path(a.dir) / "Dockerfile" : fs::path(a.file);
  if (!fs::exists(dockerfile, ec))
    throw InputError(dockerfile.string() + ": no such file; name the Dockerfile with --file");
  Config config = load_config_for(a.common, dockerfile.string());
  lint::Options opt;
  opt.context_dir = a.dir;
  lint::Result res = lint::lint_file(dockerfile, opt, config);
  if (!res.context) throw InputError(a.dir + ": the build context could not be read");
  auto report = lint::context_report(res.dockerfile, *res.context, config, a.top);
  std::vector<Finding> findings;
  for (auto& f : res.findings) {
    const RuleInfo* r = Registry::instance().find(f.rule);
    if (r && r->domain == Domain::context) findings.push_back(std::move(f));
  }
  if (output_format(a.common) == render::Format::text) {
    std::cout << lint::to_text(report) << "\n";
    return finish(std::move(findings), a.common, config);
  }
  return finish(std::move(findings), a.common, config, {{"context", lint::to_json(report)}});
}

DD_COMMAND("context", "Show what a build sends to the engine, its largest items and what each COPY/ADD takes",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<ContextArgs>();
             app->add_option("dir", a->dir, "The build context folder (default: .)");
             app->add_option("--file", a->file, "The Dockerfile (default: DIR/Dockerfile), as docker build -f");
             app->add_option("--top", a->top, "How many of the largest items to list (default: 10)")
                 ->check(CLI::Range(1, 1000));
             add_common(app, a->common);
             app->footer(
                 "Examples:\n"
                 "  drydock context .                         the context of ./Dockerfile\n"
                 "  drydock context --file build/Dockerfile ..   as docker build -f build/Dockerfile ..\n"
                 "  drydock context --format json . | jq .context.copies");
             return [a] { return run_context(*a); };
           },
           25)

}  // namespace
}  // namespace dd::cli
