// DD5207: "exec format error" while the image's Architecture differs from
// the host's: the image was built for another platform.
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_arch_mismatch = Rules::add(
    "DD5207", "image-arch-mismatch", Category::arch_mismatch, Severity::error, "The image is built for another CPU architecture",
    "An image built on an arm64 laptop cannot run on amd64 servers (and the reverse) without emulation.",
    "docker buildx build --platform linux/amd64,linux/arm64 -t IMAGE --push .");

class ArchMismatch : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_arch_mismatch; }
  void check(Diagnosis& d) const override {
    const ContainerState& s = d.state;
    const std::string& img = s.image_config.architecture;
    if (img.empty() || s.host_arch.empty() || img == s.host_arch) return;
    LogMatch* m = d.match(Category::arch_mismatch);
    if (!m) return;
    Finding f = d.at_line(kInfo_arch_mismatch.id, *m);
    f.location.field = s.fields.image_arch;
    f.evidence = s.fields.image_arch + "=" + img + ", host architecture=" + s.host_arch + ", " + d.where(*m->line) +
                 ": " + clip(m->line->text);
    f.message = "image " + (s.image.empty() ? s.image_id.substr(0, 19) : s.image) + " is built for " + img +
                " but the host is " + s.host_arch;
    f.root_cause = "The image's binaries are " + img + " code and the " + s.host_arch +
                   " kernel cannot execute them (exec format error).";
    f.fix = "docker buildx build --platform linux/" + s.host_arch + ",linux/" + img + " -t IMAGE --push .";
    m->consumed = true;
    d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(ArchMismatch)

}  // namespace
}  // namespace dd::runtime::rules
