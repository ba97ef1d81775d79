// DD1161: the image runs as a user name, not a numeric id (hadolint DL3066).
#include <regex>

#include "dockerfile/rule.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/start_command.h"

namespace dd::dockerfile {
namespace {

// The uid a RUN of the same stages gives `name` (useradd/adduser -u N ... name).
std::string uid_created_for(const LintInput& in, std::string_view name) {
  const std::regex re("(?:useradd|adduser)[^&;|]*?(?:-u|--uid)[ =]?([0-9]+)[^&;|]*?[ ]" + std::string(name) +
                      "(?:[ ;&|]|$)");
  std::smatch m;
  for (const Instruction* ins : inc::final_instructions(in)) {
    if (ins->kind != Kw::RUN) continue;
    std::string text = inc::run_text(*ins);
    if (std::regex_search(text, m, re)) return m[1].str();
  }
  return {};
}

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
    const Instruction* user = stage_graph(in).user();
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
    // The id the Dockerfile gives the user when it creates it; otherwise the
    // id to look up (`docker run --rm IMAGE id -u NAME`) is said in the text.
    std::string uid = named_user ? uid_created_for(in, name) : std::string(name);
    if (uid.empty()) {
      f.root_cause += " Find the id of " + std::string(name) + " with `docker run --rm --entrypoint id IMAGE -u " +
                      std::string(name) + "` and use it in USER.";
      uid = "10001";
    }
    f.fix = "USER " + uid + (colon == std::string::npos ? "" : ":" + (named_group ? uid : std::string(group)));
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
