// DD6051: an image pinned by tag only (info).
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class ImageNoDigest : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      if (c->image.empty() || c->image.find("{{") != std::string::npos) continue;
      auto ref = kb::parse_image(c->image);
      if (!ref.digest.empty() || ref.tag.empty() || ref.tag == "latest") continue;  // DD6050 covers no tag
      Finding f = at(w, c, c->image_at,
                     "Image " + c->image + " of container '" + c->name + "' has no digest: the tag can be pushed again, "
                     "and nodes then run different contents under one name",
                     "image: " + c->image, c->path + ".image");
      f.fix = "image: " + c->image + "@sha256:<digest>   # docker buildx imagetools inspect " + c->image;
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6051",
      .name = "k8s-image-no-digest",
      .category = Category::stale_image,
      .severity = Severity::info,
      .summary = "Image is not pinned by digest",
      .rationale = "Tags are mutable: a re-pushed tag changes what new pods run without any change to the manifest.",
      .fix = "Add the digest to the image reference.",
      .aliases = {"container-image-digest", "CKV_K8S_43"},
      .tags = {"k8s", "image"},
  });
};

DD_K8S_RULE(ImageNoDigest)

}  // namespace
}  // namespace dd::k8s
