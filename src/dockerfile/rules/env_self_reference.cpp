// DD1029: ENV refers to a variable set in the same ENV.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class EnvSelfReference : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (!in_build(ins)) continue;  // before the first FROM: DD1021 (DL3061) only
      if (ins.kind != Kw::ENV || ins.pairs.size() < 2) continue;
      const Vars& scope = in.scope(ins);
      for (size_t i = 1; i < ins.pairs.size(); ++i) {
        const auto& kv = ins.pairs[i];
        std::string raw = util::text_of(in.df, kv.value_range);
        if (raw.empty()) raw = kv.value;
        for (const auto& ref : util::var_refs(raw, in.df.escape)) {
          bool same = false;
          for (size_t j = 0; j < i; ++j) same = same || ins.pairs[j].key == ref.name;
          if (!same || scope.count(ref.name)) continue;
          Range r = util::sub_range(kv.value_range, ref.begin, ref.end);
          Finding f = in.at(r, kv.key + " on line " + std::to_string(r.begin.line) + " uses $" + ref.name +
                                   ", which this same ENV sets: the reference sees the old, empty value");
          f.root_cause = "Values in one ENV instruction are expanded before any of its variables are set.";
          f.fix = "ENV " + ref.name + "=...\nENV " + kv.key + "=" +
                  (secrets::looks_secret_value(kv.key, kv.value) ? redact(kv.value) : kv.value);
          if (secrets::looks_secret_value(kv.key, kv.value)) f.evidence = redact_in(util::text_of(in.df, kv.value_range), kv.value);
          out.add(info_, std::move(f));
        }
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1029",
      .name = "env-self-reference",
      .category = Category::config_missing,
      .severity = Severity::error,
      .summary = "ENV refers to a variable set in the same ENV",
      .rationale = "All values of one ENV are expanded before any is set, so ENV A=1 B=$A sets B to the previous (usually empty) A: the app starts with an empty setting.",
      .fix = "ENV A=1\\nENV B=$A",
      .aliases = {"DL3044"},
  });
};

DD_DOCKERFILE_RULE(EnvSelfReference)

}  // namespace
}  // namespace dd::dockerfile
