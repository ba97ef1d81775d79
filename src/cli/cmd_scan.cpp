// drydock scan DIR: everything that applies to a project directory.
#include "cli/cli.h"
#include "core/error.h"
#include "image/analyze.h"
#include "scan/scan.h"

namespace fs = std::filesystem;

namespace dd::cli {
namespace {

struct ScanArgs {
  Common common;
  std::string dir;
  std::string image;  // --image SOURCE
};

int run_scan(const ScanArgs& a) {
  std::error_code ec;
  if (!fs::exists(a.dir, ec)) throw InputError(a.dir + ": no such file or directory");
  if (!fs::is_directory(a.dir, ec)) throw InputError(a.dir + ": not a directory (use drydock lint for a single file)");
  Config config = load_config_for(a.common, a.dir);
  auto res = scan::run(a.dir, config);
  if (res.inputs.empty())
    throw InputError(a.dir + ": nothing to scan: no Dockerfile, Kubernetes manifest or compose file found");
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& in : res.inputs)
    inputs.push_back({{"kind", in.kind}, {"path", in.path.string()}});
  nlohmann::json extra = {{"inputs", inputs}};
  if (!a.image.empty()) {
    // The image the project's Dockerfile built: layers tied to its lines.
    image::Options opt;
    opt.platform = a.common.platform;
    opt.max_age_days = config.image().max_image_age_days;
    for (const auto& in : res.inputs)
      if (in.kind == scan::kDockerfile && in.path.filename() == "Dockerfile" &&
          (opt.dockerfile.empty() || in.path.string().size() < opt.dockerfile.size()))
        opt.dockerfile = in.path.string();
    auto an = image::analyze(a.image, opt, &config.core());
    inputs.push_back({{"kind", "image"}, {"path", a.image}});
    extra = {{"inputs", inputs}, {"image", image::to_json(an)}};
    image::merge_findings(res.findings, std::move(an.findings));
  }
  return finish(std::move(res.findings), a.common, config, extra);
}

DD_COMMAND("scan", "Scan a project: every Dockerfile with its context, Kubernetes manifests and compose files",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<ScanArgs>();
             app->add_option("dir", a->dir, "Project directory")->required();
             app->add_option("--image", a->image,
                             "Also analyse the image the Dockerfile built (docker save tar, OCI layout, docker://NAME); "
                             "findings of the same incident are merged");
             add_common(app, a->common);
             add_dockerfile_options(app, a->common);
             return [a] { return run_scan(*a); };
           },
           10)

}  // namespace
}  // namespace dd::cli
