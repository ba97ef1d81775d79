// DD1160: an ARG or ENV whose name says it holds a secret (hadolint DL3064).
// The value passes through the build (docker history, docker inspect)
// whatever it is: the name is the evidence.
#include "dockerfile/rule.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/redaction.h"
#include "dockerfile/rules/variables.h"
#include "dockerfile/command.h"
#include "dockerfile/stages.h"
#include "secrets/secrets.h"

namespace dd::dockerfile {
namespace {

class SecretNamedArgEnv : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if ((ins.kind != Kw::ARG && ins.kind != Kw::ENV) || !in_build(ins)) continue;
      for (const auto& kv : ins.pairs) {
        if (!secrets::is_secret_name(kv.key)) continue;
        // A value that looks secret is DD2030's finding; an ENV that copies
        // another variable is the ARG's (DD2031 when a RUN or ENV uses it).
        if (kv.has_value && !kv.value.empty() && secrets::looks_secret_value(kv.key, kv.value)) continue;
        if (ins.kind == Kw::ENV && kv.raw_value.find('$') != std::string::npos) continue;
        if (ins.kind == Kw::ARG && used_later(in, ins, kv.key)) continue;
        bool arg = ins.kind == Kw::ARG;
        std::string msg = ins.keyword + " " + kv.key + " on line " + std::to_string(ins.range.begin.line) +
                          " is named like a secret: " +
                          (arg ? "a value passed with --build-arg is recorded in the build history and the "
                                 "provenance of the image"
                               : "its value is stored in the image config, where docker inspect shows it to "
                                 "anyone who can pull the image");
        Finding f = in.at(kv.key_range.begin.line > 0 ? kv.key_range : ins.keyword_range, msg,
                          ins.keyword + " " + kv.key + (kv.has_value ? "=" + redact(kv.value) : std::string()));
        f.root_cause = "ARG and ENV values are build metadata, not secrets: BuildKit keeps every ARG of a stage in "
                       "the history and ENV in the config.";
        std::string id = text::lower(kv.key);
        f.fix = "RUN --mount=type=secret,id=" + id + ",env=" + kv.key + " <command>   (docker build --secret id=" +
                id + ",env=" + kv.key + ")";
        f.tags = {"secret"};
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  // A later RUN or ENV of the stage that reads $NAME: DD2031 reports that use.
  static bool used_later(const LintInput& in, const Instruction& arg, std::string_view name) {
    if (arg.stage < 0 || arg.stage >= static_cast<int>(in.df.stages.size())) return false;
    for (const Instruction* i : stage_instructions(in.df, in.df.stages[arg.stage])) {
      if (i->index <= arg.index || (i->kind != Kw::RUN && i->kind != Kw::ENV)) continue;
      if (i->kind == Kw::RUN && inc::has_mount(*i, "secret")) continue;
      if (inc::find_var(i->args_text, name) != std::string::npos) return true;
    }
    return false;
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD1160",
      .name = "secret-named-arg-env",
      .category = Category::secret_leak,
      .severity = Severity::warning,
      .summary = "ARG or ENV named like a secret",
      .rationale = "A token passed as ARG API_TOKEN or set as ENV DB_PASSWORD is written into the image history or "
                   "config; whoever can pull the image can read it.",
      .fix = "RUN --mount=type=secret,id=api_token,env=API_TOKEN ./fetch-deps.sh",
      .aliases = {"DL3064"},
      .tags = {"secret"},
      .security = true,
  });
};

DD_DOCKERFILE_RULE(SecretNamedArgEnv)

}  // namespace
}  // namespace dd::dockerfile
