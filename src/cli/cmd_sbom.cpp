// drydock sbom SOURCE --format cyclonedx|spdx: the image's package inventory.
#include <chrono>
#include <ctime>
#include <iostream>

#include "cli/cli.h"
#include "image/packages/sbom.h"

namespace dd::cli {
namespace {

struct SbomArgs {
  std::string source;
  std::string format = "cyclonedx";
  std::string platform;
};

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

int run_sbom(const SbomArgs& a) {
  image::Options opt;
  opt.platform = a.platform;
  image::ImageModel model;
  auto pkgs = image::packages::inventory(a.source, opt, &model);
  auto doc = a.format == "spdx" ? image::packages::spdx(model, pkgs, now_utc())
                                : image::packages::cyclonedx(model, pkgs, now_utc());
  std::cout << doc.dump(2) << "\n";
  return 0;
}

DD_COMMAND("sbom", "The package inventory of an image as CycloneDX 1.5 or SPDX 2.3 JSON",
           [](CLI::App* app) -> std::function<int()> {
             auto a = std::make_shared<SbomArgs>();
             app->add_option("source", a->source, "docker save tar, OCI layout (dir or tar), or docker://NAME[:TAG]")->required();
             app->add_option("--format,-f", a->format, "cyclonedx or spdx")->check(CLI::IsMember({"cyclonedx", "spdx"}));
             app->add_option("--platform", a->platform, "The platform of a multi-platform index (default: the host's)");
             return [a] { return run_sbom(*a); };
           },
           60)

}  // namespace
}  // namespace dd::cli
