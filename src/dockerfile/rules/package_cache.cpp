// DD2022: OS package caches left in the layer (apt lists, apk cache, yum/dnf
// cache) or apt recommends installed.
#include "dockerfile/rules/incident_util.h"

namespace dd::dockerfile {
namespace {

class PackageCache : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const Instruction* ins : inc::final_instructions(in)) {
      if (ins->kind != Kw::RUN || inc::has_mount(*ins, "cache")) continue;
      std::string text = inc::run_text(*ins);
      for (const auto& c : instruction_commands(in, *ins)) {
        size_t p = kb::real_program(c.argv);
        if (p + 1 >= c.argv.size()) continue;
        const kb::PackageManager* pm = kb::package_manager(kb::basename(c.argv[p]));
        if (!pm || pm->program.starts_with("pip")) continue;
        size_t sub = p + 1;
        while (sub < c.argv.size() && c.argv[sub].size() > 1 && c.argv[sub][0] == '-') ++sub;
        if (sub >= c.argv.size() ||
            std::find(pm->install.begin(), pm->install.end(), c.argv[sub]) == pm->install.end())
          continue;
        bool apt = pm->program == "apt-get"sv || pm->program == "apt"sv;
        bool cleaned = std::any_of(pm->cleanup.begin(), pm->cleanup.end(),
                                   [&](std::string_view m) { return kb::contains(text, m); });
        bool recommends = apt && !kb::contains(text, "--no-install-recommends") &&
                          !kb::contains(text, "Install-Recommends") && !kb::contains(text, "install_recommends");
        if (cleaned && !recommends) continue;
        std::string cmd = inc::show(c.argv, p, 2);
        std::string what;
        if (!cleaned && recommends) what = "keeps the package lists and pulls recommended packages";
        else if (!cleaned) what = "leaves the " + std::string(pm->program) + " cache in the layer";
        else what = "also installs every recommended package";
        Finding f = in.at(c.range(p), "RUN " + cmd + " on line " + std::to_string(ins->range.begin.line) + " " +
                                          what + " (tens of MB that ship in the image)");
        f.root_cause = "Package manager caches and recommended packages are written into the layer and no later "
                       "RUN can remove them from it.";
        std::string fix;
        if (recommends) fix = "apt-get install -y --no-install-recommends ...";
        if (!cleaned) fix += std::string(fix.empty() ? "" : " ") + std::string(pm->cleanup_fix);
        f.fix = fix;
        f.tags = {std::string(pm->program)};
        out.add(info_, std::move(f));
        propose(in, *ins, c, p, sub, *pm, cleaned, recommends);
      }
    }
  }

 private:
  static void propose(const LintInput& in, const Instruction& ins, const Cmd& c, size_t p, size_t sub,
                      const kb::PackageManager& pm, bool cleaned, bool recommends) {
    if (ins.exec_form || !ins.heredocs.empty()) return;
    if (pm.program == "apk"sv && !cleaned) {
      Pos at = c.range(sub).end;
      in.propose({{at, at}, " --no-cache"});
      return;
    }
    if (recommends) {
      Pos at = c.range(sub).end;
      in.propose({{at, at}, " --no-install-recommends"});
    }
    if (!cleaned && c.next == shell::Connector::none) {
      Pos at = ins.range.end;
      in.propose({{at, at}, " \\\n    " + std::string(pm.cleanup_fix)});
    }
    (void)p;
  }

  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD2022",
      .name = "package-cache-left",
      .domain = Domain::dockerfile,
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "Package manager cache or recommended packages left in the image",
      .rationale = "apt lists, /var/cache/apk, yum/dnf metadata and apt's recommended packages add tens to hundreds "
                   "of MB to every pull; a later RUN rm cannot shrink the earlier layer.",
      .fix = "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*",
      .aliases = {"DL3009", "DL3015", "DL3019", "DS025", "AVD-DS-0025", "DS029", "AVD-DS-0029"},
      .tags = {"cache"},
  });
};

DD_DOCKERFILE_RULE(PackageCache)

}  // namespace
}  // namespace dd::dockerfile
