// DD6052: imagePullPolicy that keeps a stale image or never pulls.
#include "k8s/lint.h"

namespace dd::k8s {
namespace {

class ImagePullPolicy : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      if (c->image.empty() || c->image_pull_policy.empty()) continue;
      auto ref = kb::parse_image(c->image);
      bool mutable_tag = ref.digest.empty() && (ref.tag.empty() || ref.tag == "latest");
      Finding f;
      if (c->image_pull_policy == "Never") {
        f = at(w, c, c->image_pull_policy_at,
               "Container '" + c->name + "' has imagePullPolicy: Never: on any node that does not already have " +
                   c->image + " the pod stays in ErrImageNeverPull",
               "imagePullPolicy: Never", c->path + ".imagePullPolicy");
        f.category = Category::image_pull;
        f.fix = "imagePullPolicy: IfNotPresent";
      } else if (c->image_pull_policy == "IfNotPresent" && mutable_tag) {
        f = at(w, c, c->image_pull_policy_at,
               "Container '" + c->name + "' pulls " + c->image + " only if not present: nodes keep whatever :latest "
               "they pulled first, so new pushes never reach them",
               "imagePullPolicy: IfNotPresent", c->path + ".imagePullPolicy");
        f.fix = "Pin a version tag; or imagePullPolicy: Always while the tag is mutable";
      } else {
        continue;
      }
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6052",
      .name = "k8s-image-pull-policy",
      .category = Category::stale_image,
      .severity = Severity::warning,
      .summary = "imagePullPolicy keeps a stale image or never pulls",
      .rationale = "IfNotPresent with a mutable tag freezes each node on its first pull; Never fails on every node that "
                   "lacks the image.",
      .fix = "Pin the image by version or digest; pull policy IfNotPresent then is safe.",
      .aliases = {"container-image-pull-policy", "pullPolicyNotAlways", "CKV_K8S_15"},
      .tags = {"k8s", "image"},
  });
};

DD_K8S_RULE(ImagePullPolicy)

}  // namespace
}  // namespace dd::k8s
