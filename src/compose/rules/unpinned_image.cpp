// DD7004: a compose service image with the latest tag or no tag.
#include "compose/compose.h"

namespace dd::compose {
namespace {

class UnpinnedImage : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const File& file, Report& out) const override {
    for (const auto& s : file.services) {
      if (s.image.empty() || s.image.find('@') != std::string::npos || s.image.find("${") != std::string::npos)
        continue;
      auto slash = s.image.rfind('/');
      auto colon = s.image.rfind(':');
      bool tagged = colon != std::string::npos && (slash == std::string::npos || colon > slash);
      std::string tag = tagged ? s.image.substr(colon + 1) : "";
      if (tagged && tag != "latest") continue;
      Finding f = at(file, s, s.image_at,
                     "service '" + s.name + "' runs image " + s.image +
                         (tagged ? ": `latest` moves, so two hosts can run different code" : " with no tag, which means `latest`"),
                     "image: " + s.image);
      f.root_cause = "A floating tag is resolved at pull time, so deployments are not reproducible and fixes or breakages arrive unannounced.";
      std::string base = tagged ? s.image.substr(0, colon) : s.image;
      f.fix = "image: " + base + ":<version>@sha256:<digest>";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD7004",
      .name = "compose-unpinned-image",
      .domain = Domain::compose,
      .category = Category::stale_image,
      .severity = Severity::warning,
      .summary = "Compose service image is `latest` or untagged",
      .rationale = "`latest` drifts: the same file deploys different images on different days and hosts.",
      .fix = "Pin a version tag, ideally with its digest.",
      .aliases = {},
      .tags = {"compose"},
  });
};

DD_COMPOSE_RULE(UnpinnedImage)

}  // namespace
}  // namespace dd::compose
