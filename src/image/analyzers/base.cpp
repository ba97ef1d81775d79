// The base image, identified from the image's labels, history and
// /etc/os-release (image/base.h), and its end of life (stale-image, as the
// Dockerfile's DD2072 for the same incident).
#include "core/package_facts.h"
#include "image/analyzer.h"
#include "image/base.h"
#include "image/rules.h"
#include "knowledge/image_ref.h"

namespace dd::image {
namespace {

class BaseAnalyzer : public Analyzer {
 public:
  std::string_view name() const override { return "base"; }
  std::vector<std::string> patterns() const override { return {}; }
  std::vector<Retain> retain() const override { return {{"/etc/os-release", 1 << 16}, {"/usr/lib/os-release", 1 << 16}}; }
  std::unique_ptr<LayerScan> begin_layer(int) override { return nullptr; }
  void finish(const ImageModel& m, const FsView& fs, std::vector<std::unique_ptr<LayerScan>>&, FindingSink& out) override {
    BaseImage b = identify_base(m, &fs);
    std::string what, upgrade;
    auto why = base_end_of_life(b, &what, &upgrade);
    std::string family;  // the runtime the base finding already names
    if (why) {
      // The layer that wrote os-release, when that is what decided.
      int layer = -1;
      std::string path;
      if (what.find("/etc/os-release") != std::string::npos) {
        if (auto r = fs.resolve("/etc/os-release")) {
          path = *r;
          if (auto st = fs.stat(*r)) layer = st->layer;
        }
      } else {
        family = kb::parse_image(b.name).name;
      }
      Finding f = image_finding(m, kEolBase, layer, path);
      f.message = "the image is built on " + what + ": " + *why;
      f.evidence = what;
      if (!upgrade.empty()) f.fix = "FROM " + upgrade + ", then rebuild";
      f.tags = {"eol"};
      // The release that decided: the OS of /etc/os-release, else the base's name.
      bool by_os = what.find("/etc/os-release") != std::string::npos;
      kb::ImageRef named = kb::parse_image(b.name);
      set_package_facts(f, by_os ? b.os_id : named.path, by_os ? b.os_version : named.tag,
                        upgrade.empty() ? std::string() : kb::parse_image(upgrade).tag);
      out.add(std::move(f));
    }
    // The runtime the official image installed, by its version variable:
    // a company base over python:3.8 says so only in Env.
    for (const RuntimeEol& r : runtime_end_of_life(m)) {
      if (r.family == family) continue;  // the base's name said it already
      Finding f = image_finding(m, kEolBase);
      f.message = "the image runs " + r.variable + " (its Env): " + r.why;
      f.evidence = r.variable + " (Env)";
      if (!r.upgrade.empty()) f.fix = "FROM " + r.upgrade + ", then rebuild";
      f.tags = {"eol"};
      out.add(std::move(f));
    }
  }
};

DD_IMAGE_ANALYZER(BaseAnalyzer)

}  // namespace
}  // namespace dd::image
