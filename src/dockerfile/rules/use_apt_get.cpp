// DD1106: apt (the interactive front end) in a RUN.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class UseAptGet : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& apt_get = *dd::kb::package_manager_named("apt-get");
    for (const auto& ins : in.df.instructions)
      for (const auto& u : util::pkg_uses(in, ins)) {
      if (u.k.pm->name != "apt"sv) continue;
      const Cmd& c = u.c;
      Range r = c.range(c.prog);
      size_t sub = u.k.sub;
      std::string sub_name = sub ? std::string(c.arg(sub)) : std::string();
      // apt-get runs the same subcommand: offer the swap.
      bool same = std::any_of(apt_get.subcommands.begin(), apt_get.subcommands.end(),
                              [&](const dd::kb::Subcommand& s) { return s.word == sub_name; });
      Finding f = in.at(r, "apt " + sub_name + " on line " + std::to_string(r.begin.line) +
                               ": apt has no stable command-line interface and warns so in scripts; use apt-get",
                        util::text_of(in.df, c.whole()));
      f.root_cause = "apt is meant for people at a terminal: its output and behaviour may change between releases.";
      f.fix = "apt-get " + sub_name + (sub_name == "install"sv ? " -y --no-install-recommends ..." : " ...");
      if (same && c.arg(c.prog) == "apt"sv) in.propose({r, "apt-get"});
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1106",
      .name = "use-apt-get",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "apt used instead of apt-get",
      .rationale = "apt prints 'WARNING: apt does not have a stable CLI interface'; its prompts and output format can change and break builds.",
      .fix = "apt-get install -y --no-install-recommends <packages>",
      .aliases = {"DL3027"},
  });
};

DD_DOCKERFILE_RULE(UseAptGet)

}  // namespace
}  // namespace dd::dockerfile
