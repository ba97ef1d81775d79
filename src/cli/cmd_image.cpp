// drydock image SOURCE: size, waste, secrets, config (and, once merged,
// binaries and packages) of an image, from a docker save archive, an OCI
// layout or docker://NAME. drydock image diff A B compares two.
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "cli/cli.h"
#include "core/error.h"
#include "image/analyze.h"

namespace dd::cli {
namespace {

struct ImageArgs {
  Common common;
  std::string source;
  std::string html;
  std::string dockerfile;
  int max_age = -1;
  bool no_progress = false;
};

image::Options options(const ImageArgs& a, const Config& config) {
  image::Options o;
  o.platform = a.common.platform;
  o.dockerfile = a.dockerfile;
  o.max_age_days = a.max_age >= 0 ? a.max_age : config.image().max_image_age_days;
  o.progress = !a.no_progress && !a.common.quiet && ::isatty(2);
  return o;
}

int run_image(const ImageArgs& a) {
  if (a.source.empty()) throw InputError("drydock image: name a SOURCE (a docker save tar, an OCI layout, docker://NAME)");
  Config config = load_config_for(a.common, a.source.rfind("docker://", 0) == 0 ? "." : a.source);
  image::Options opt = options(a, config);
  image::Analysis an = image::analyze(a.source, opt, &config.core());
  if (!a.html.empty()) {
    std::ofstream out(a.html, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(a.html + ": cannot write the HTML report");
    out << image::to_html(an);
  }
  if (output_format(a.common) == render::Format::text) {
    std::cout << image::to_text(an) << "\n";
    return finish(std::move(an.findings), a.common, config);
  }
  nlohmann::json j = image::to_json(an);
  return finish(std::move(an.findings), a.common, config, j);
}

struct DiffArgs {
  Common common;
  std::string a, b;
};

int run_diff(const DiffArgs& d) {
  Config config = load_config_for(d.common, ".");
  image::Options opt;
  opt.platform = d.common.platform;
  opt.progress = false;
  auto A = image::analyze(d.a, opt, &config.core());
  auto B = image::analyze(d.b, opt, &config.core());
  nlohmann::json j = image::diff_json(A, B);
  if (output_format(d.common) == render::Format::text) {
    std::cout << image::diff_text(j);
    std::cout.flush();
    return 0;
  }
  return finish({}, d.common, config, {{"diff", j}});
}

DD_COMMAND("image", "Analyse an image: layers, size and waste, secrets, config (docker save tar, OCI layout, docker://NAME)",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<ImageArgs>();
             auto d = std::make_shared<DiffArgs>();
             auto diff = app->add_subcommand("diff", "Compare two images: layers, bytes per folder, files and packages");
             diff->add_option("a", d->a, "The first image (a source as for drydock image)")->required();
             diff->add_option("b", d->b, "The second image")->required();
             add_common(diff, d->common);
             diff->add_option("--platform", d->common.platform, "The platform to take from a multi-platform index");
             app->add_option("source", a->source, "docker save tar, OCI layout (dir or tar), or docker://NAME[:TAG]");
             app->add_option("--html", a->html, "Write a self-contained HTML report to FILE");
             app->add_option("--dockerfile", a->dockerfile, "The Dockerfile that built the image: findings name its lines");
             app->add_option("--platform", a->common.platform, "The platform to take from a multi-platform index (default: this host's)");
             app->add_option("--max-age", a->max_age, "Days after which the image is stale (default: 90, or image.max_age_days in the config)")
                 ->check(CLI::Range(0, 100000));
             app->add_flag("--no-progress", a->no_progress, "No progress bar (it shows only on a terminal anyway)");
             add_common(app, a->common);
             app->footer(
                 "Examples:\n"
                 "  docker save app:1.2 -o app.tar && drydock image app.tar\n"
                 "  drydock image docker://app:1.2 --dockerfile Dockerfile --html report.html\n"
                 "  drydock image oci-dir --platform linux/arm64 --format json | jq .layers\n"
                 "  drydock image diff docker://app:1.1 docker://app:1.2");
             return [a, d, diff] {
               if (diff->parsed()) return run_diff(*d);
               return run_image(*a);
             };
           },
           30)

}  // namespace
}  // namespace dd::cli
