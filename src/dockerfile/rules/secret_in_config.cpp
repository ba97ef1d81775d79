// DD2030: secrets written into the Dockerfile: ENV/ARG/LABEL values and
// literal tokens in RUN.
#include "dockerfile/rule.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/redaction.h"
#include "dockerfile/rules/start_command.h"

namespace dd::dockerfile {
namespace {

class SecretInConfig : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind == Kw::ENV || ins.kind == Kw::ARG || ins.kind == Kw::LABEL) {
        for (const auto& kv : ins.pairs)
          if (!check_pair(in, ins, kv, out) && ins.kind == Kw::ARG) check_arg_name(in, ins, kv, out);
      } else if (ins.kind == Kw::RUN || ins.kind == Kw::CMD || ins.kind == Kw::ENTRYPOINT ||
                 ins.kind == Kw::HEALTHCHECK) {
        for (const auto& m : secrets::scan_text(ins.args_text)) {
          if (m.rule == "url-credentials"sv || m.rule == "keyword-assignment"sv) {
            if (secrets::is_placeholder(m.value)) continue;
          }
          Finding f = in.at(inc::args_range(ins, m.begin, m.end),
                            ins.keyword + " on line " + std::to_string(ins.range.begin.line) + " contains a " +
                                m.description + " (" + m.redacted + "); it is stored in the image history",
                            inc::safe(line_text(in.df, ins.range.begin.line)));
          f.root_cause = "Instruction text is recorded verbatim in the image history that anyone with pull access "
                         "can read with docker history --no-trunc.";
          f.fix = "RUN --mount=type=secret,id=token TOKEN=$(cat /run/secrets/token) ...  (docker build --secret "
                  "id=token,env=TOKEN)";
          f.tags = {m.rule};
          out.add(info_, std::move(f));
        }
      }
    }
  }

 private:
  // An ARG whose name says secret, with no literal secret default: the value
  // the build passes with --build-arg is what leaks. BuildKit reports it
  // (SecretsUsedInArgOrEnv) whether or not a RUN uses it: every ARG of the
  // stage is recorded with the RUNs after it in the image history.
  void check_arg_name(const LintInput& in, const Instruction& ins, const KeyValue& kv, Report& out) const {
    // Before the first FROM an ARG only feeds FROM lines; it reaches the
    // history only when a stage declares it again (then reported there).
    if (ins.stage < 0 || !secrets::is_secret_name(kv.key)) return;
    Range r = kv.key_range.begin.line > 0 ? kv.key_range : ins.range;
    std::string shown = "ARG " + kv.key + (kv.has_value && !kv.value.empty() ? "=" + redact(kv.value) : "");
    Finding f = in.at(r, "ARG " + kv.key + " on line " + std::to_string(ins.range.begin.line) +
                             " is a secret by its name: the value given with --build-arg is recorded in the image "
                             "history of the RUNs after it (docker history), whether or not they use it",
                      shown);
    f.root_cause = "Build arguments are build configuration, not secrets: BuildKit records them with the build steps.";
    f.fix = "Remove ARG " + kv.key + "; use RUN --mount=type=secret,id=" + text::lower(kv.key) +
            " and docker build --secret id=" + text::lower(kv.key) + ",env=" + kv.key;
    f.severity = Severity::warning;
    f.tags = {"secret", "build-arg"};
    out.add(info_, std::move(f));
  }

  // True when it reported the pair.
  bool check_pair(const LintInput& in, const Instruction& ins, const KeyValue& kv, Report& out) const {
    if (!kv.has_value || kv.value.empty()) return false;
    auto known = secrets::match_value(kv.value);
    // A password inside a URL is DD2033's finding.
    bool only_url = !known.empty() && std::all_of(known.begin(), known.end(), [](const secrets::SecretMatch& m) {
      return m.rule == "url-credentials"sv;
    });
    if (only_url) return false;
    if (ins.kind == Kw::LABEL ? known.empty() : !secrets::looks_secret_value(kv.key, kv.value)) return false;
    std::string kind = known.empty() ? (secrets::is_secret_name(kv.key) ? "a secret by its name" : "a high-entropy value")
                                     : known.front().description;
    std::string shown = ins.keyword + " " + kv.key + "=" + redact(kv.value);
    bool final_stage = false;
    for (const Stage* s : inc::final_chain(in))
      if (ins.stage == s->index) final_stage = true;
    std::string where = ins.kind == Kw::ARG
                            ? "the build-arg default is in the Dockerfile and in the history of every RUN after it"
                            : "anyone who can pull the image reads it with docker inspect";
    Finding f = in.at(kv.value_range, ins.keyword + " " + kv.key + " on line " + std::to_string(ins.range.begin.line) +
                                          " bakes " + kind + " into the image: " + where,
                      shown);
    f.root_cause = "Secrets in ENV, ARG or LABEL are stored in the image config and history, not only at run time.";
    f.fix = ins.kind == Kw::ENV ? "Remove ENV " + kv.key + "; inject it at run time (docker run -e " + kv.key +
                                       ", a Kubernetes Secret), and at build time use RUN --mount=type=secret,id=" +
                                       text::lower(kv.key)
                                 : "ARG " + kv.key + " without a default, or better RUN --mount=type=secret,id=" +
                                       text::lower(kv.key);
    if (!final_stage && ins.stage >= 0) f.severity = Severity::warning;
    f.tags = {"secret"};
    out.add(info_, std::move(f));
    return true;
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD2030",
      .name = "secret-in-dockerfile",
      .category = Category::secret_leak,
      .severity = Severity::error,
      .summary = "Secret value written in the Dockerfile",
      .rationale = "A password, token or key in ENV, ARG, LABEL or RUN text ends up in the image config and "
                   "history: every registry, cache and developer laptop that pulls the image has it.",
      .fix = "RUN --mount=type=secret,id=api_key API_KEY=$(cat /run/secrets/api_key) ./configure",
      .aliases = {"SecretsUsedInArgOrEnv", "DS031", "AVD-DS-0031"},
      .tags = {"secret"},
      .security = true,
  });
};

DD_DOCKERFILE_RULE(SecretInConfig)

}  // namespace
}  // namespace dd::dockerfile
