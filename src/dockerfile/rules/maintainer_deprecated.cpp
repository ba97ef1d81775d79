// DD1001: MAINTAINER is deprecated.
#include "dockerfile/command.h"
#include "dockerfile/rule.h"

namespace dd::dockerfile {
namespace {

class MaintainerDeprecated : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::MAINTAINER || !in_build(ins)) continue;  // before FROM: DD1021's finding
      Finding f = in.at(ins.keyword_range, "MAINTAINER is deprecated; the author belongs in a label");
      // One pair of quotes: MAINTAINER "A <a@b>" is already quoted.
      std::string who = ins.args_text;
      if (who.size() >= 2 && (who.front() == '"' || who.front() == '\'') && who.back() == who.front())
        who = who.substr(1, who.size() - 2);
      std::string quoted;
      for (char c : who) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      f.fix = "LABEL org.opencontainers.image.authors=\"" + quoted + "\"";
      in.propose({ins.range, f.fix});
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1001",
      .name = "maintainer-deprecated",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "MAINTAINER is deprecated",
      .rationale = "MAINTAINER is deprecated since Docker 1.13; the author is not visible to image tooling that reads "
                   "OCI labels.",
      .fix = "LABEL org.opencontainers.image.authors=\"name <email>\"",
      .aliases = {"DL4000", "MaintainerDeprecated", "DS022", "AVD-DS-0022"},
  });
};

DD_DOCKERFILE_RULE(MaintainerDeprecated)

}  // namespace
}  // namespace dd::dockerfile
