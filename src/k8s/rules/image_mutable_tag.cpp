// DD6050: an image with the latest tag or no tag (and no digest).
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class ImageMutableTag : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      if (c->image.empty() || c->image.find("{{") != std::string::npos) continue;
      auto ref = kb::parse_image(c->image);
      if (!ref.digest.empty() || (!ref.tag.empty() && ref.tag != "latest")) continue;
      Finding f = at(w, c, c->image_at,
                     "Image " + c->image + " of container '" + c->name + "' " +
                         (ref.tag.empty() ? "has no tag, so it means :latest" : "uses the latest tag") +
                         ": each node runs whatever was latest when it pulled, so pods of one Deployment differ and a "
                         "rollback does not roll back",
                     "image: " + c->image, c->path + ".image");
      f.fix = "image: " + (ref.registry.empty() ? "" : ref.registry + "/") + ref.path + ":<version>@sha256:<digest>";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6050",
      .name = "k8s-image-latest-tag",
      .category = Category::image_pull,
      .severity = Severity::warning,
      .summary = "Image uses the latest tag or no tag",
      .rationale = "latest moves: nodes pull different builds, a restart silently upgrades, and a rollback redeploys the "
                   "same broken image.",
      .fix = "Pin a version tag (and a digest).",
      .aliases = {"latest-tag", "container-image-tag", "tagNotSpecified", "CKV_K8S_14"},
      .tags = {"k8s", "image"},
  });
};

DD_K8S_RULE(ImageMutableTag)

}  // namespace
}  // namespace dd::k8s
