// DD7005: a privileged compose service.
#include "compose/compose.h"

namespace dd::compose {
namespace {

class Privileged : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const File& file, Report& out) const override {
    for (const auto& s : file.services) {
      if (!s.privileged) continue;
      Finding f = at(file, s, s.privileged_at, "service '" + s.name + "' runs privileged: root on the host in all but name",
                     "privileged: true");
      f.root_cause = "privileged disables the seccomp, AppArmor and capability limits, and gives access to every host device.";
      f.fix = "Remove privileged: true and add only the capability needed, e.g.\n    cap_add: [NET_ADMIN]";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD7005",
      .name = "compose-privileged",
      .category = Category::runs_as_root,
      .severity = Severity::error,
      .summary = "Compose service runs privileged",
      .rationale = "A compromised privileged container owns the host.",
      .fix = "Drop privileged; grant single capabilities with cap_add.",
      .tags = {"compose"},
      .security = true,
  });
};

DD_COMPOSE_RULE(Privileged)

}  // namespace
}  // namespace dd::compose
