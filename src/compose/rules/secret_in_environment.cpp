// DD7003: a secret literal in a compose service's environment.
#include "compose/compose.h"
#include "secrets/secrets.h"

namespace dd::compose {
namespace {

class SecretInEnvironment : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const File& file, Report& out) const override {
    for (const auto& s : file.services) {
      for (const auto& e : s.env) {
        if (!e.has_value) continue;
        bool in_url = secrets::url_password(e.value).first != std::string::npos;
        if (!in_url && !secrets::looks_secret_value(e.name, e.value)) continue;
        Finding f = at(file, s, e.at, "service '" + s.name + "' has the secret " + e.name + " written in the compose file",
                       shown_env(e));
        f.root_cause = "A compose file is committed and shared; a literal secret in it is readable by everyone with the repository and by `docker inspect`.";
        f.fix = "secrets:\n  " + s.name + "_secret:\n    environment: " + e.name +
                "   # or file: ./secret.txt kept out of git\nservices:\n  " + s.name + ":\n    secrets: [" + s.name + "_secret]";
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD7003",
      .name = "compose-secret-in-environment",
      .category = Category::secret_leak,
      .severity = Severity::error,
      .summary = "Secret written in a compose file's environment",
      .rationale = "Secrets in compose files end up in git history, in `docker inspect` output and in every copy of the repository.",
      .fix = "Use compose secrets, or ${VAR} interpolation from an environment that is not committed.",
      .tags = {"compose"},
      .security = true,
  });
};

DD_COMPOSE_RULE(SecretInEnvironment)

}  // namespace
}  // namespace dd::compose
