// DD7004: a compose service image with the latest tag or no tag.
#include "compose/compose.h"
#include "knowledge/image_ref.h"

namespace dd::compose {
namespace {

class UnpinnedImage : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const File& file, Report& out) const override {
    for (const auto& s : file.services) {
      if (s.image.empty() || s.image.find('$') != std::string::npos) continue;
      kb::ImageRef ref = kb::parse_image(s.image);
      if (!ref.digest.empty()) continue;
      bool tagged = !ref.tag.empty();
      if (tagged && ref.tag != "latest") continue;
      Finding f = at(file, s, s.image_at,
                     "service '" + s.name + "' runs image " + s.image +
                         (tagged ? ": `latest` moves, so two hosts can run different code" : " with no tag, which means `latest`"),
                     "image: " + s.image);
      f.root_cause = "A floating tag is resolved at pull time, so deployments are not reproducible and fixes or breakages arrive unannounced.";
      // The reference as written, without its tag.
      std::string base = tagged ? s.image.substr(0, s.image.size() - ref.tag.size() - 1) : s.image;
      f.fix = "image: " + base + ":<version>@sha256:<digest>";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD7004",
      .name = "compose-unpinned-image",
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
