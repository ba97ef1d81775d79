// DD2024: pip without --no-cache-dir, npm/yarn/pnpm installing dev
// dependencies in the final stage.
#include <span>

#include "dockerfile/rules/incident_util.h"

namespace dd::dockerfile {
namespace {

bool has_any(std::span<const std::string> argv, std::initializer_list<std::string_view> flags) {
  for (const auto& a : argv)
    for (auto f : flags)
      if (a == f || (a.size() > f.size() && a.rfind(f, 0) == 0 && a[f.size()] == '=')) return true;
  return false;
}

class LanguageCache : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& all = inc::final_instructions(in);
    size_t last_prune = 0;  // 1 + index of the last RUN that prunes dev dependencies
    for (size_t j = 0; j < all.size(); ++j)
      if (all[j]->kind == Kw::RUN && inc::mentions(*all[j], {"prune", "yarn workspaces focus --production"}))
        last_prune = j + 1;
    for (size_t k = 0; k < all.size(); ++k) {
      const Instruction* ins = all[k];
      if (ins->kind != Kw::RUN || inc::has_mount(*ins, "cache")) continue;
      if (!inc::mentions(*ins, {"pip", "npm", "yarn", "pnpm"})) continue;  // the programs this rule knows
      const auto& vars = in.scope(*ins);
      for (const auto& c : instruction_commands(in, *ins)) {
        size_t p = kb::real_program(c.argv);
        if (p + 1 >= c.argv.size()) continue;
        std::span<const std::string> argv(c.argv.begin() + static_cast<long>(p), c.argv.end());
        size_t off = p;
        if (kb::basename(argv[0]).starts_with("python") && argv.size() > 2 && argv[1] == "-m"sv) {
          argv = argv.subspan(2);
          off += 2;
        }
        std::string_view prog = kb::basename(argv[0]);
        if ((prog == "pip"sv || prog == "pip3"sv || prog.rfind("pip3.", 0) == 0) && argv.size() > 1 &&
            argv[1] == "install"sv && !has_any(argv, {"--no-cache-dir"}) && !vars.count("PIP_NO_CACHE_DIR")) {
          Finding f = in.at(c.range(off), "pip install on line " + std::to_string(ins->range.begin.line) +
                                               " keeps its download cache (~/.cache/pip) in the image");
          f.root_cause = "pip caches every wheel it downloads; without --no-cache-dir the cache ships in the layer.";
          f.fix = "pip install --no-cache-dir ...  (or ENV PIP_NO_CACHE_DIR=1)";
          f.tags = {"python"};
          out.add(info_, std::move(f));
          if (!ins->exec_form && ins->heredocs.empty() && off + 1 < c.size())
            in.propose({{c.range(off + 1).end, c.range(off + 1).end}, " --no-cache-dir"});
          continue;
        }
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
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD2024",
      .name = "language-cache-or-dev-deps",
      .domain = Domain::dockerfile,
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "Language package cache or dev dependencies in the final image",
      .rationale = "pip's wheel cache and npm devDependencies often double the size of a Python or Node image.",
      .fix = "RUN pip install --no-cache-dir -r requirements.txt   /   RUN npm ci --omit=dev",
      .aliases = {"DL3042"},
  });
};

DD_DOCKERFILE_RULE(LanguageCache)

}  // namespace
}  // namespace dd::dockerfile
