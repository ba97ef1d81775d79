// DD1124: yarn install without yarn cache clean in a shipped stage.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

const util::CleanSpec kSpec{{"yarn"}, {}, {}, {{"yarn", "clean"}}, {"/usr/local/share/.cache/yarn", "/root/.cache/yarn", "~/.cache/yarn"}, "", ""};

class YarnClean : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::RUN || util::has_cache_mount(ins) || !util::stage_ships(in.df, ins.stage)) continue;
      const auto& cmds = commands(in, ins);
      const Cmd* install = nullptr;
      bool clean = false;
      for (const auto& c : cmds) {
        if (c.name() != "yarn"sv) continue;
        size_t sub = util::subcommand(c, {"--cwd", "--modules-folder", "--cache-folder"});
        std::string_view s = sub ? c.arg(sub) : std::string_view("install");
        if (util::has_opt(c, {"--cache-folder"})) clean = true;
        if (!install && (s == "install"sv || s == "add"sv)) install = &c;
      }
      for (const auto& c : cmds) clean = clean || util::cleans(c, kSpec);
      if (!install || clean) continue;
      Range r = install->range(install->prog);
      Finding f = in.at(r, "yarn on line " + std::to_string(r.begin.line) +
                               " fills the yarn cache (/usr/local/share/.cache/yarn) and this RUN never runs yarn cache clean",
                        util::text_of(in.df, install->whole()));
      f.root_cause = "The yarn offline cache duplicates every package of node_modules inside the same layer.";
      f.fix = "RUN yarn install --frozen-lockfile && yarn cache clean";
      out.add(info_, util::scrub(std::move(f)));
    }
  }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD1124",
      .name = "yarn-no-clean",
      .domain = Domain::dockerfile,
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
