// DD2024: pip without --no-cache-dir, npm/yarn/pnpm installing dev
// dependencies in the final stage.
#include <span>

#include "dockerfile/rule.h"
#include "dockerfile/rules/development.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/start_command.h"

namespace dd::dockerfile {
namespace {

bool has_any(std::span<const std::string> argv, std::initializer_list<std::string_view> flags) {
  for (const auto& a : argv)
    for (auto f : flags)
      if (a == f || (a.size() > f.size() && a.rfind(f, 0) == 0 && a[f.size()] == '=')) return true;
  return false;
}

// pip keeps its cache out of the layer: --no-cache-dir, PIP_NO_CACHE_DIR, a
// cache or tmpfs mount at its cache folder, or a purge after the install.
bool pip_cache_kept_out(const LintInput& in, const Instruction& ins, const std::vector<Cmd>& cmds, size_t ci,
                        std::span<const std::string_view> words, const dd::kb::PkgCommand& pc, const Vars& vars) {
  const auto& pm = *pc.pm;
  if (dd::kb::skips_cache(words, pc)) return true;
  for (auto e : pm.no_cache_env)
    if (vars.count(e)) return true;
  for (const auto& fl : ins.flags)
    if (fl.name == "mount"sv && dd::kb::mount_covers_cache(pm, fl.value)) return true;
  for (size_t k = ci + 1; k < cmds.size(); ++k) {
    const auto& c = cmds[k];
    size_t p = c.exe;
    if (p >= c.argv.size()) continue;
    std::vector<std::string_view> w(c.argv.begin(), c.argv.end());
    if (dd::kb::is_clean_command(pm, w, p)) return true;
    if (text::basename(c.argv[p]) == "rm"sv)
      for (size_t i = p + 1; i < c.argv.size(); ++i)
        if (!c.argv[i].empty() && c.argv[i][0] != '-' && dd::kb::removes_cache(pm, c.argv[i])) return true;
  }
  (void)in;
  return false;
}

class LanguageCache : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& all = inc::final_instructions(in);
    const std::string dev = dev::development_target(in);
    // A development or CI image: its caches and devDependencies are its purpose.
    auto add = [&](Finding f) {
      if (!dev.empty()) {
        f.message += ", in a development image (" + dev + ") that does not ship";
        f.severity = Severity::info;
      }
      out.add(info_, std::move(f));
    };
    size_t last_prune = 0;  // 1 + index of the last RUN that prunes dev dependencies
    for (size_t j = 0; j < all.size(); ++j)
      if (all[j]->kind == Kw::RUN && inc::mentions(*all[j], {"prune", "yarn workspaces focus --production"}))
        last_prune = j + 1;
    for (size_t k = 0; k < all.size(); ++k) {
      const Instruction* ins = run_of(*all[k]);  // a RUN, or the RUN of ONBUILD RUN
      if (!ins) continue;
      if (!inc::mentions(*ins, {"pip", "npm", "yarn", "pnpm"})) continue;  // the programs this rule knows
      const auto& vars = in.scope(*ins);
      const auto& cmds = instruction_commands(in, *ins);
      for (size_t ci = 0; ci < cmds.size(); ++ci) {
        const auto& c = cmds[ci];
        size_t p = c.exe;
        if (p + 1 >= c.argv.size()) continue;
        std::span<const std::string> argv(c.argv.begin() + static_cast<long>(p), c.argv.end());
        std::vector<std::string_view> words(c.argv.begin(), c.argv.end());
        if (auto pc = dd::kb::package_command(std::span<const std::string_view>(words), p);
            pc && pc->pm->name == "pip"sv) {
          if (pc->action != dd::kb::PkgAction::install || pip_cache_kept_out(in, *ins, cmds, ci, words, *pc, vars))
            continue;
          size_t sub = pc->sub;
          size_t off = pc->prog;  // the pip word (after python -m)
          if (text::basename(c.argv[off]).starts_with("python")) off += 2;
          Finding f = in.at(c.range(off), "pip install on line " + std::to_string(ins->range.begin.line) +
                                               " keeps its download cache (~/.cache/pip) in the image");
          f.root_cause = "pip caches every wheel it downloads; without --no-cache-dir (or ENV PIP_NO_CACHE_DIR=1) the cache ships in the layer.";
          // The install as it should read: --no-cache-dir after its subcommand.
          std::string fix = "RUN";
          for (size_t i = 0; i < c.argv.size(); ++i) {
            fix += " " + c.argv[i];
            if (i == sub) fix += " --no-cache-dir";
          }
          f.fix = fix;
          f.tags = {"python"};
          add(std::move(f));
          if (!ins->exec_form && ins->heredocs.empty() && sub < c.size())
            in.propose({{c.range(sub).end, c.range(sub).end}, " --no-cache-dir"});
          continue;
        }
        // devDependencies: a cache mount changes nothing about what installs.
        if (inc::has_mount(*ins, "cache")) continue;
        const kb::InstallCommand* ic = nullptr;
        const kb::Ecosystem* eco = kb::install_ecosystem(c.argv, &ic);
        if (!eco || (eco->name != "npm"sv && eco->name != "yarn"sv && eco->name != "pnpm"sv)) continue;
        auto env = vars.find("NODE_ENV");
        if (env != vars.end() && env->second == "production"sv) continue;
        if (has_any(argv, {"--omit", "--production", "--only", "--prod", "-P", "-g", "--global"})) continue;
        // `npm install express` adds one package; only the project install pulls devDependencies.
        if (std::count_if(argv.begin() + 1, argv.end(), [](const std::string& a) { return a.empty() || a[0] != '-'; }) > 1)
          continue;
        if (last_prune > k) continue;
        Finding f = in.at(c.range(p), inc::show(c.argv, p, 2) + " on line " + std::to_string(ins->range.begin.line) +
                                           " installs devDependencies into the final image");
        f.root_cause = "Without --omit=dev (or NODE_ENV=production) test, lint and build tooling ship with the app.";
        f.fix = eco->name == "npm"sv ? "RUN npm ci --omit=dev" : eco->name == "yarn"sv ? "RUN yarn install --production --frozen-lockfile" : "RUN pnpm install --prod --frozen-lockfile";
        f.tags = {"node"};
        add(std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2024",
      .name = "language-cache-or-dev-deps",
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "Language package cache or dev dependencies in the final image",
      .rationale = "pip's wheel cache and npm devDependencies often double the size of a Python or Node image.",
      .fix = "RUN pip install --no-cache-dir -r requirements.txt",
      .aliases = {"DL3042"},
  });
};

DD_DOCKERFILE_RULE(LanguageCache)

}  // namespace
}  // namespace dd::dockerfile
