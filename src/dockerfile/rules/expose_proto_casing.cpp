// DD1018: EXPOSE protocol is not lowercase.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class ExposeProtoCasing : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::EXPOSE) continue;
      for (const auto& a : ins.args) {
        if (a.text.find('$') != std::string::npos) continue;
        util::Port p = util::split_port(a.text);
        std::string low = util::lower(p.proto);
        if (p.proto.empty() || low == p.proto || (low != "tcp"sv && low != "udp"sv && low != "sctp"sv)) continue;
        Finding f = in.at(a.range, "protocol '" + p.proto + "' of EXPOSE " + a.text + " on line " +
                                       std::to_string(a.range.begin.line) + " should be lowercase");
        f.root_cause = "The protocol is not written in lower case.";
        f.fix = "EXPOSE " + p.ports + "/" + low;
        in.propose({a.range, p.ports + "/" + low});
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1018",
      .name = "expose-proto-casing",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "EXPOSE protocol is not lowercase",
      .rationale = "Protocols in EXPOSE are lower-case (tcp, udp, sctp); other spellings are normalised or rejected by tools that read the image config.",
      .fix = "EXPOSE 53/udp",
      .aliases = {"ExposeProtoCasing"},
  });
};

DD_DOCKERFILE_RULE(ExposeProtoCasing)

}  // namespace
}  // namespace dd::dockerfile
