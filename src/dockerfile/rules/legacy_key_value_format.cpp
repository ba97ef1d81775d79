// DD1013: Legacy 'key value' form of ENV or LABEL.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class LegacyKeyValueFormat : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if ((ins.kind != Kw::ENV && ins.kind != Kw::LABEL) || ins.pairs.size() != 1) continue;
      std::string_view a = ins.args_text;
      size_t sp = a.find_first_of(" \t");
      std::string_view first = a.substr(0, sp);
      if (sp == std::string_view::npos || first.find('=') != std::string_view::npos) continue;
      auto kv = ins.pairs.front();
      bool secret = secrets::looks_secret_value(kv.key, kv.value);
      std::string raw_args = ins.args_text;
      if (secret) {
        raw_args = redact_in(raw_args, kv.value);
        kv.value = redact(kv.value);
      }
      bool simple = !secret && kv.value.find_first_of("\"\\'") == std::string::npos;
      std::string val = kv.value.find_first_of(" \t") == std::string::npos && !kv.value.empty() ? kv.value : "\"" + kv.value + "\"";
      std::string fixed = kv.key + "=" + val;
      Finding f = in.at(ins.args_range, "\"" + ins.keyword + " " + kv.key + " " + kv.value + "\" on line " +
                                            std::to_string(ins.range.begin.line) + " uses the legacy whitespace form; write " +
                                            ins.keyword + " " + fixed,
                        ins.keyword + " " + raw_args);
      f.root_cause = "The key and value are separated by whitespace instead of '='.";
      f.fix = ins.keyword + " " + fixed;
      if (simple) in.propose({ins.args_range, fixed});
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1013",
      .name = "legacy-key-value-format",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Legacy 'key value' form of ENV or LABEL",
      .rationale = "'ENV key value' sets a single variable to the rest of the line; a later edit that adds a second pair silently becomes part of the value. BuildKit deprecates the form.",
      .fix = "ENV NODE_ENV=production",
      .aliases = {"LegacyKeyValueFormat"},
  });
};

DD_DOCKERFILE_RULE(LegacyKeyValueFormat)

}  // namespace
}  // namespace dd::dockerfile
