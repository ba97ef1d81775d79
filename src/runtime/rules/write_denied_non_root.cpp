// DD5206: permission denied on a path while the container runs as a non-root
// user: a volume or an image folder owned by root.
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_write_denied_non_root = Rules::add(
    "DD5206", "write-denied-non-root", Category::volume_permissions, Severity::error,
    "The non-root user cannot write a path it needs",
    "Images and volumes are owned by root by default; an app that runs as another user cannot write them.",
    "RUN mkdir -p /data && chown 1000:1000 /data");

class WriteDeniedNonRoot : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_write_denied_non_root; }
  void check(Diagnosis& d) const override {
    const ContainerState& s = d.state;
    if (s.runs_as_root()) return;
    LogMatch* m = d.match(Category::volume_permissions);
    if (!m || m->sig->id == std::string("sh-exec-permission")) return;
    std::string user = s.effective_user();
    std::string uid = user.substr(0, user.find(':'));
    std::string owner = user.find(':') == std::string::npos ? uid + ":" + uid : user;
    std::string path = m->subject.empty() || m->subject[0] != '/' ? "" : m->subject;
    const auto& fn = s.fields;
    Finding f = d.at_line(kInfo_write_denied_non_root.id, *m);
    std::string user_field = s.user.empty() ? "Image.User" : fn.user;
    f.evidence = user_field + "=" + user + ", " + d.where(*m->line) + ": " + clip(m->line->text);
    const Mount* mt = path.empty() ? nullptr : mount_for(s, path);
    if (mt) {
      f.message = "user " + user + " cannot write " + path + " on the " + (mt->type.empty() ? "volume" : mt->type) +
                  " mounted at " + mt->destination + (mt->source.empty() ? "" : " from " + mt->source);
      f.root_cause = "The volume at " + mt->destination + " is owned by another user than " + user + ".";
      f.fix = "chown -R " + owner + " " + (mt->source.empty() ? mt->destination : mt->source) +
              "   # on the host, or:\n# Kubernetes:\nsecurityContext:\n  runAsUser: " + uid + "\n  fsGroup: " + uid;
    } else {
      std::string target = path.empty() ? "the path" : path;
      std::string dir = path.empty() ? "/data" : writable_dir(path);
      f.message = "container " + s.label() + " runs as user " + user + ", which cannot write " + target +
                  " (owned by root in the image)";
      f.root_cause = target + " belongs to root in the image and the container runs as " + user + ".";
      f.fix = "RUN mkdir -p " + dir + " && chown " + owner + " " + dir + "\nUSER " + owner +
              "\n# or mount a writable volume: docker run --tmpfs " + dir + " ...";
    }
    f.tags = {"permissions"};
    m->consumed = true;
    d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(WriteDeniedNonRoot)

}  // namespace
}  // namespace dd::runtime::rules
