// DD1022: ONBUILD with FROM, MAINTAINER or ONBUILD.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class OnbuildForbidden : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (!in_build(ins)) continue;  // before the first FROM: DD1021 (DL3061) only
      if (ins.kind != Kw::ONBUILD || !ins.child) continue;
      const auto& kw = ins.child->keyword;
      if (kw != "FROM"sv && kw != "MAINTAINER"sv && kw != "ONBUILD"sv) continue;
      Range r = ins.child->keyword_range.begin.line > 0 ? ins.child->keyword_range : ins.keyword_range;
      Finding f = in.at(r, "ONBUILD " + kw + " on line " + std::to_string(ins.range.begin.line) +
                               " is not allowed: images built FROM this one fail");
      f.root_cause = "BuildKit rejects " + kw + " as an ONBUILD trigger.";
      f.fix = "remove line " + std::to_string(ins.range.begin.line);
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1022",
      .name = "onbuild-forbidden",
      .category = Category::best_practice,
      .severity = Severity::error,
      .summary = "ONBUILD with FROM, MAINTAINER or ONBUILD",
      .rationale = "ONBUILD cannot trigger FROM, MAINTAINER or another ONBUILD; the image that inherits the trigger fails to build.",
      .fix = "Remove the ONBUILD line, or trigger an allowed instruction such as ONBUILD COPY . /app",
      .aliases = {"DL3043"},
  });
};

DD_DOCKERFILE_RULE(OnbuildForbidden)

}  // namespace
}  // namespace dd::dockerfile
