// DD1124: yarn install without yarn cache clean in a shipped stage.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

namespace kb_pkg = dd::kb;

class YarnClean : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (!util::runs_any(in, {"yarn"})) return;
    const kb_pkg::PackageManager& yarn = *kb_pkg::package_manager_named("yarn");
    for (const auto& each : in.df.instructions) {
      // A RUN of a shipped stage, or an ONBUILD RUN trigger (it runs in the child build).
      const Instruction* run = run_of(each);
      if (!run || (run == &each && !util::stage_ships(in.df, each.stage))) continue;
      const Instruction& ins = *run;
      if (util::mounts_cache(ins, yarn)) continue;
      auto installs = util::pkg_uses(in, ins, {"yarn"}, {kb_pkg::PkgAction::install});
      if (installs.empty()) continue;
      const Cmd* install = &installs.front()->c;
      // --cache-folder puts the cache elsewhere (the user chose where).
      bool clean = false;
      for (const auto* u : installs) clean = clean || kb_pkg::pkg_has_option(u->words(), u->k, "--cache-folder");
      // A clean counts only after the install, in the same RUN.
      bool after = false;
      std::vector<std::string_view> argv;
      for (const auto& c : util::commands(in, ins)) {
        if (&c == install) after = true;
        if (!after) continue;
        argv.clear();
        for (size_t i = 0; i < c.size(); ++i) argv.push_back(c.arg(i));
        clean = clean || util::cleans(c, argv, yarn);
      }
      if (!install || clean) continue;
      Range r = install->range(install->prog);
      Finding f = in.at(r, "yarn on line " + std::to_string(r.begin.line) +
                               " fills the yarn cache (/usr/local/share/.cache/yarn) and this RUN never runs yarn cache clean",
                        util::text_of(in.df, install->whole()));
      f.root_cause = "The yarn offline cache duplicates every package of node_modules inside the same layer.";
      f.fix = "RUN yarn install --frozen-lockfile && yarn cache clean";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1124",
      .name = "yarn-no-clean",
      .category = Category::image_bloat,
      .severity = Severity::info,
      .summary = "yarn install without yarn cache clean",
      .rationale = "The yarn cache holds a second copy of every dependency; left in the layer it often doubles the size of node_modules in the image.",
      .fix = "RUN yarn install --frozen-lockfile && yarn cache clean",
      .aliases = {"DL3060"},
  });
};

DD_DOCKERFILE_RULE(YarnClean)

}  // namespace
}  // namespace dd::dockerfile
