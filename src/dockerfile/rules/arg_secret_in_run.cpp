// DD2031: a secret build arg used by RUN (or copied into ENV) lands in the
// image history.
#include "dockerfile/rule.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/redaction.h"
#include "dockerfile/rules/variables.h"
#include "dockerfile/stages.h"

namespace dd::dockerfile {
namespace {

class ArgSecretInRun : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& st : in.df.stages) {
      std::vector<std::pair<std::string, int>> args;  // secret ARG names with their line
      for (const Instruction* ins : stage_instructions(in.df, st)) {
        if (ins->kind == Kw::ARG) {
          for (const auto& kv : ins->pairs)
            if (args.size() < 64 && secrets::is_secret_name(kv.key)) args.push_back({kv.key, ins->range.begin.line});
          continue;
        }
        if (args.empty()) continue;
        if (ins->kind == Kw::RUN && inc::has_mount(*ins, "secret")) continue;
        if (ins->kind != Kw::RUN && ins->kind != Kw::ENV) continue;
        for (const auto& [name, line] : args) {
          size_t pos = inc::find_var(ins->args_text, name);
          if (pos == std::string::npos) continue;
          size_t end = pos + 1 + name.size() + (ins->args_text.compare(pos, 2, "${") == 0 ? 2 : 0);
          bool to_file = ins->kind == Kw::RUN && (text::contains(ins->args_text, ">") || text::contains(ins->args_text, "tee"));
          std::string msg = "ARG " + name + " (line " + std::to_string(line) + ") is used by " + ins->keyword +
                            " on line " + std::to_string(ins->range.begin.line) +
                            (ins->kind == Kw::ENV ? ": the secret is copied into the image config"
                                                   : ": build-arg values are recorded in the image history "
                                                     "(docker history shows " + name + "=...)");
          if (to_file) msg += ", and the file it writes stays in the layer";
          Finding f = in.at(inc::args_range(*ins, pos, end), msg,
                            inc::safe(line_text(in.df, ins->range.begin.line)));
          f.root_cause = "Build args are not secret: every RUN that sees them records KEY=value in its history entry.";
          std::string id = text::lower(name);
          f.fix = "RUN --mount=type=secret,id=" + id + " " + name + "=$(cat /run/secrets/" + id +
                  ") <command>   and build with: docker build --secret id=" + id + ",env=" + name;
          f.tags = {"secret", "build-arg"};
          out.add(info_, std::move(f));
          break;
        }
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2031",
      .name = "secret-build-arg",
      .category = Category::secret_leak,
      .severity = Severity::error,
      .summary = "Secret passed as a build arg",
      .rationale = "ARG NPM_TOKEN used in RUN is written into the image history and often into a file (.npmrc) in "
                   "the layer; anyone with pull access recovers it.",
      .fix = "RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci",
      .tags = {"secret"},
      .security = true,
  });
};

DD_DOCKERFILE_RULE(ArgSecretInRun)

}  // namespace
}  // namespace dd::dockerfile
