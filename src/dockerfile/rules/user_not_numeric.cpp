// DD1161: the image runs as a user name, not a numeric id (hadolint DL3066).
#include "dockerfile/rules/incident_util.h"

namespace dd::dockerfile {
namespace {

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class UserNotNumeric : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    // Only the USER the image runs as: names resolve fine inside the build,
    // where /etc/passwd is the image's; the host and the kubelet see only
    // the image config.
    const Instruction* user = inc::last_of(inc::final_instructions(in), "USER");
    if (!user || user->args.empty()) return;
    const std::string& spec = user->args.front().text;
    if (spec.empty() || spec.find('$') != std::string::npos) return;  // a build arg: its value is not known here
    auto colon = spec.find(':');
    std::string_view name = std::string_view(spec).substr(0, colon);
    std::string_view group = colon == std::string::npos ? std::string_view() : std::string_view(spec).substr(colon + 1);
    bool named_user = !digits(name);
    bool named_group = colon != std::string::npos && !digits(group);
    if (!named_user && !named_group) return;
    std::string what = named_user ? "user " + std::string(name) : "group " + std::string(group);
    Finding f = in.at(user->args.front().range,
                      "USER " + spec + " on line " + std::to_string(user->range.begin.line) + " runs the image as " +
                          what + " by name: a Kubernetes pod with runAsNonRoot cannot verify it (\"image has "
                          "non-numeric user\") and refuses to start it, and volume permissions on the host go by id");
    f.root_cause = "The image config carries the name; only the image's /etc/passwd maps it to an id, which the "
                   "kubelet and the host do not read.";
    f.fix = named_user ? "USER 10001:10001   (the id of " + std::string(name) + ": RUN id -u " + std::string(name) + ")"
                       : "USER " + std::string(name) + ":10001";
    f.tags = {"user"};
    out.add(info_, std::move(f));
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1161",
      .name = "user-not-numeric",
      .category = Category::runs_as_root,
      .severity = Severity::info,
      .summary = "The image runs as a user name instead of a numeric id",
      .rationale = "Kubernetes' runAsNonRoot checks the image's user without reading its /etc/passwd: a name such "
                   "as app cannot be verified, so the pod fails with CreateContainerConfigError.",
      .fix = "USER 10001:10001",
      .aliases = {"DL3066"},
      .tags = {"user"},
  });
};

DD_DOCKERFILE_RULE(UserNotNumeric)

}  // namespace
}  // namespace dd::dockerfile
