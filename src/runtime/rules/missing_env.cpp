// DD5212: the log names a required env var that Config.Env does not set (or
// sets empty).
#include <set>

#include "knowledge/credentials.h"
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_missing_env = Rules::add(
    "DD5212", "missing-env-var", Category::config_missing, Severity::error, "A required environment variable is not set",
    "Configuration that lives in a developer's shell or .env file is not injected in production; the app refuses "
    "to start.",
    "docker run -e NAME=VALUE ...");

const std::set<std::string> kEnvSignatures = {"shell-param-not-set", "python-environ-keyerror", "env-missing-required",
                                              "env-not-set"};


class MissingEnv : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_missing_env; }
  void check(Diagnosis& d) const override {
    const ContainerState& s = d.state;
    for (auto& m : d.matches) {
      if (m.consumed || !kEnvSignatures.count(m.sig->id) || m.subject.empty()) continue;
      const std::string& name = m.subject;
      auto value = s.env_value(name);
      if (value && !value->empty()) continue;
      Finding f = d.at_line(kInfo_missing_env.id, m);
      f.evidence = s.fields.env + (value ? " sets " + name + " to an empty value" : " has no " + name) + "; " +
                   d.where(*m.line) + ": " + clip(m.line->text);
      f.message = "container " + s.label() + " needs " + name + ", which is " + (value ? "empty" : "not set") +
                  " in its environment";
      f.root_cause = "The app requires " + name + " and the container was started without it.";
      std::string ref = kb::is_secret_name(name) ? "secretKeyRef" : "configMapKeyRef";
      f.fix = "docker run -e " + name + "=VALUE IMAGE\n# Kubernetes:\nenv:\n  - name: " + name +
              "\n    valueFrom:\n      " + ref + ":\n        name: app-config\n        key: " + name;
      f.tags = {"env"};
      m.consumed = true;
      d.exit_explained = true;
      d.add(std::move(f));
    }
  }
};

DD_RUNTIME_RULE(MissingEnv)

}  // namespace
}  // namespace dd::runtime::rules
