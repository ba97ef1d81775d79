// DD1003: 'as' and 'FROM' keywords' casing do not match.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

bool all_upper(std::string_view s) {
  for (char c : s)
    if (c >= 'a' && c <= 'z') return false;
  return true;
}
bool all_lower(std::string_view s) {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return false;
  return true;
}

class FromAsCasing : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::FROM || ins.args.size() < 3) continue;
      const auto& as = ins.args[1];
      if (util::lower(as.text) != "as"sv) continue;
      std::string kw = util::text_of(in.df, ins.keyword_range);
      if (kw.empty()) continue;
      bool up = all_upper(kw), low = all_lower(kw);
      std::string want;
      if (up && as.text != "AS"sv) want = "AS";
      if (low && as.text != "as"sv) want = "as";
      if (want.empty()) continue;
      Finding f = in.at(as.range, "'" + as.text + "' and '" + kw + "' keywords' casing do not match on line " +
                                      std::to_string(as.range.begin.line));
      f.root_cause = "The AS keyword is written in a different case from FROM.";
      f.fix = kw + " " + ins.args[0].text + " " + want + " " + ins.args[2].text;
      in.propose({as.range, want});
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1003",
      .name = "from-as-casing",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "'as' and 'FROM' keywords' casing do not match",
      .rationale = "Mixed keyword casing in one line makes the file harder to scan and grep; BuildKit warns about it.",
      .fix = "FROM node:20-alpine AS build",
      .aliases = {"FromAsCasing"},
  });
};

DD_DOCKERFILE_RULE(FromAsCasing)

}  // namespace
}  // namespace dd::dockerfile
