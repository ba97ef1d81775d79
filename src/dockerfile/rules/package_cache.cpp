// DD2022: OS package caches left in the layer (apt lists, apk cache, yum/dnf
// cache) or apt recommends installed.
#include "dockerfile/rule.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/development.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/start_command.h"

namespace dd::dockerfile {
namespace {

// The managers whose cache this rule judges: apt's package lists and apk's
// index cache. yum, dnf and zypper caches are DD1112, DD1119 and DD1116
// (one finding per cache per line).
constexpr std::string_view kManagers[] = {"apt-get", "apt", "aptitude", "apk"};

std::vector<std::string_view> words(const Cmd& c) { return {c.argv.begin(), c.argv.end()}; }

class PackageCache : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const std::string dev = dev::development_target(in);
    for (const Instruction* each : inc::final_instructions(in)) {
      const Instruction* ins = run_of(*each);  // a RUN, or the RUN of ONBUILD RUN
      if (!ins) continue;
      std::string text = inc::run_text(*ins);
      const auto& cmds = instruction_commands(in, *ins);
      for (size_t ci = 0; ci < cmds.size(); ++ci) {
        const auto& c = cmds[ci];
        size_t p = c.exe;
        if (p + 1 >= c.argv.size()) continue;
        auto argv = words(c);
        auto pc = dd::kb::package_command(std::span<const std::string_view>(argv), p);
        if (!pc || pc->action != dd::kb::PkgAction::install ||
            std::find(std::begin(kManagers), std::end(kManagers), pc->pm->name) == std::end(kManagers))
          continue;
        const dd::kb::PackageManager& pm = *pc->pm;
        bool apt = pm.name != "apk"sv;
        // Clean: a cache or tmpfs mount at its cache folder, an option that
        // keeps the cache out, or a clean after the install in the same RUN.
        bool cleaned = mounts_cache(*ins, pm) || dd::kb::skips_cache(argv, *pc);
        for (size_t k = ci + 1; k < cmds.size() && !cleaned; ++k) cleaned = cleans(cmds[k], pm);
        bool recommends = apt && pc->action == dd::kb::PkgAction::install &&
                          !text::contains(text, "--no-install-recommends") &&
                          !text::contains(text, "Install-Recommends") && !text::contains(text, "install_recommends");
        if (cleaned && !recommends) continue;
        size_t sub = pc->sub;
        std::string cmd = inc::show(c.argv, p, 2);
        std::string what;
        if (!cleaned && recommends) what = "keeps the package lists and pulls recommended packages";
        else if (!cleaned) what = "leaves the " + std::string(pm.cache_name) + " in the layer";
        else what = "also installs every recommended package";
        Finding f = in.at(c.range(p), "RUN " + cmd + " on line " + std::to_string(ins->range.begin.line) + " " +
                                          what + " (tens of MB that ship in the image)");
        f.root_cause = "Package manager caches and recommended packages are written into the layer and no later "
                       "RUN can remove them from it.";
        f.fix = fixed_run(cmds, ci, sub, pm, cleaned, recommends);
        // A cache is never an image's purpose: only a named development
        // image makes it info (a base image without CMD ships its cache to
        // every image built FROM it).
        if (!dev.empty()) {
          f.message += " in a development image (" + dev + "), which does not ship";
          f.severity = Severity::info;
        }
        f.tags = {std::string(pm.name)};
        out.add(info_, std::move(f));
        propose(in, *ins, c, sub, pm, cleaned, recommends);
      }
    }
  }

 private:
  static bool mounts_cache(const Instruction& ins, const dd::kb::PackageManager& pm) {
    for (const auto& fl : ins.flags)
      if (fl.name == "mount"sv && dd::kb::mount_covers_cache(pm, fl.value)) return true;
    return false;
  }

  // The command removes the cache: the manager's clean command (apt-get
  // distclean, apk cache clean) or rm/find -delete of a cache folder.
  static bool cleans(const Cmd& c, const dd::kb::PackageManager& pm) {
    size_t p = c.exe;
    if (p >= c.argv.size()) return false;
    auto argv = words(c);
    if (dd::kb::is_clean_command(pm, argv, p)) return true;
    std::string_view prog = text::basename(c.argv[p]);
    if (prog != "rm"sv && prog != "find"sv) return false;
    for (size_t i = p + 1; i < c.argv.size(); ++i)
      if (!c.argv[i].empty() && c.argv[i][0] != '-' && dd::kb::removes_cache(pm, c.argv[i])) return true;
    return false;
  }

  // The RUN as it should read: the commands before this one in the same RUN,
  // then this one with --no-install-recommends / --no-cache after its
  // subcommand and the manager's clean step after it.
  static std::string fixed_run(const std::vector<Cmd>& cmds, size_t ci, size_t sub, const dd::kb::PackageManager& pm,
                               bool cleaned, bool recommends) {
    const bool apk = pm.name == "apk"sv;
    std::string run = "RUN ";
    // From the first of the plain `a && b` / `a; b` commands that lead to it.
    size_t first = ci;
    while (first > 0 && cmds[first - 1].depth == 0 && !cmds[first - 1].background &&
           (cmds[first - 1].next == shell::Connector::and_ || cmds[first - 1].next == shell::Connector::seq))
      --first;
    if (cmds[ci].depth != 0) first = ci;
    for (size_t k = first; k <= ci; ++k) {
      const auto& c = cmds[k];
      if (k > first) run += " && ";
      for (size_t i = 0; i < c.argv.size(); ++i) {
        run += (i ? " " : "") + c.argv[i];
        if (k == ci && i == sub) {
          if (apk && !cleaned) run += " --no-cache";
          else if (recommends) run += " --no-install-recommends";
        }
      }
    }
    if (!cleaned && !apk) run += " " + std::string(pm.clean_fix);
    return run;
  }

  static void propose(const LintInput& in, const Instruction& ins, const Cmd& c, size_t sub,
                      const dd::kb::PackageManager& pm, bool cleaned, bool recommends) {
    if (ins.exec_form || !ins.heredocs.empty()) return;
    if (pm.name == "apk"sv && !cleaned) {
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
      in.propose({{at, at}, " \\\n    " + std::string(pm.clean_fix)});
    }
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD2022",
      .name = "package-cache-left",
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
