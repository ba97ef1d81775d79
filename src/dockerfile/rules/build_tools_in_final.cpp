// DD2020: compilers, build tools or -dev packages installed in the final stage.
#include <optional>

#include "dockerfile/rule.h"
#include "dockerfile/rules/development.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/start_command.h"

namespace dd::dockerfile {
namespace {

std::vector<std::string_view> words(const Cmd& c) { return {c.argv.begin(), c.argv.end()}; }

// Packages a RUN removes again (apt-get purge, apk del, yum remove...).
std::vector<std::string> removed(const std::vector<Cmd>& cmds) {
  std::vector<std::string> out;
  for (const auto& c : cmds) {
    auto argv = words(c);
    auto pc = dd::kb::package_command(std::span<const std::string_view>(argv), c.exe);
    if (!pc || pc->action != dd::kb::PkgAction::remove) continue;
    for (size_t i : pc->operands) out.emplace_back(dd::kb::package_name(*pc->pm, argv[i]));
  }
  return out;
}

// The final image's start program (basename) and its base repository path,
// for the runtime-use table.
std::pair<std::string, std::string> start_program(const LintInput& in) {
  std::pair<std::string, std::string> out;
  auto start = inc::start_commands(in, inc::start_command(inc::final_instructions(in)));
  if (!start.empty()) {
    size_t p = start.front().exe;
    if (p < start.front().argv.size()) out.first = std::string(text::basename(start.front().argv[p]));
  }
  if (const auto& chain = inc::final_chain(in); !chain.empty()) out.second = inc::chain_base(chain).path;
  return out;
}

class BuildToolsInFinal : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const bool single = in.df.stages.size() == 1;
    const std::string dev = dev::development_target(in);
    // Computed on the first finding only.
    std::optional<std::string> env;
    std::optional<std::pair<std::string, std::string>> runner;
    for (const Instruction* ins : inc::final_instructions(in)) {
      if (ins->kind != Kw::RUN) continue;
      const auto& cmds = instruction_commands(in, *ins);
      auto gone = removed(cmds);
      // apt-mark auto + purge --auto-remove (docker-library style) removes every build dependency.
      if (inc::mentions(*ins, {"apt-mark auto"}) && inc::mentions(*ins, {"--auto-remove"})) continue;
      for (const auto& c : cmds) {
        size_t p = c.exe;
        if (p >= c.argv.size()) continue;
        auto argv = words(c);
        auto pc = dd::kb::package_command(std::span<const std::string_view>(argv), p);
        if (!pc || !pc->pm->os_packages || pc->action != dd::kb::PkgAction::install) continue;
        const dd::kb::PackageManager* pm = pc->pm;
        std::string virt;  // apk add --virtual NAME
        for (size_t i : pc->options) {
          std::string_view a = argv[i];
          if ((a == "--virtual"sv || a == "-t"sv) && i + 1 < argv.size()) virt = c.argv[i + 1];
          else if (a.starts_with("--virtual=")) virt = std::string(a.substr(10));
        }
        std::vector<size_t> hits, used;  // used: run by the image's own program (hugo's git)
        const dd::kb::RuntimeToolUse* use = nullptr;
        for (size_t i : pc->operands) {
          std::string name(dd::kb::package_name(*pm, argv[i]));
          if (!dd::kb::is_build_package(argv[i]) || std::find(gone.begin(), gone.end(), name) != gone.end()) continue;
          if (!runner) runner = start_program(in);
          if (auto* u = dd::kb::runtime_tool_use(name, runner->first, runner->second)) {
            use = u;
            used.push_back(i);
          } else {
            hits.push_back(i);
          }
        }
        if (!virt.empty() && std::find(gone.begin(), gone.end(), virt) != gone.end()) continue;
        if (hits.empty() && !used.empty()) {
          // The program the image runs needs it: worth knowing, not a leftover.
          Finding f = in.at(c.range(used.front()),
                            c.argv[used.front()] + " installed on line " + std::to_string(ins->range.begin.line) +
                                " stays in the final image, where it is a runtime dependency: " + std::string(use->why));
          f.root_cause = "The package is a build tool elsewhere; the program this image runs uses it at run time.";
          f.severity = Severity::info;
          f.tags = {std::string(pm->name)};
          out.add(info_, std::move(f));
          continue;
        }
        if (hits.empty()) continue;
        std::string names;
        for (size_t k = 0; k < hits.size() && k < 4; ++k) names += (k ? ", " : "") + c.argv[hits[k]];
        if (hits.size() > 4) names += " and " + std::to_string(hits.size() - 4) + " more";
        Finding f = in.at(c.range(hits.front()),
                          names + " installed on line " + std::to_string(ins->range.begin.line) + (hits.size() == 1 ? " stays" : " stay") + " in the final image" +
                              (single ? " of this single-stage build" : "") +
                              ": build tools add hundreds of MB and attack surface at run time");
        f.root_cause = "Compilers and headers needed only to build are installed in the stage that ships; build in "
                       "a stage of its own and copy only the result into the final one.";
        // The skeleton on this file's own base: the install moves to a build stage.
        if (const auto& chain = inc::final_chain(in); !chain.empty()) {
          const Stage* root = chain.front();
          std::string base = root->base_expanded.empty() ? root->base : root->base_expanded;
          if (!base.empty() && base.find('$') == std::string::npos) {
            std::string install;
            for (size_t i = 0; i < c.argv.size(); ++i) install += (i ? " " : "") + c.argv[i];
            f.fix = "FROM " + base + " AS build\nRUN " + install + "\nFROM " + base + "\nCOPY --from=build /out/ /app/";
          }
        }
        if (!env) env = dev.empty() ? dev::environment_start(in) : std::string();
        if (!dev.empty()) {
          // A development or CI image: the tools are what it is for.
          f.message = names + " installed on line " + std::to_string(ins->range.begin.line) +
                      " in a development image (" + dev + "), which does not ship; keep them out of the image that does";
          f.severity = Severity::info;
        } else if (!env->empty()) {
          // It starts a shell, a build tool or nothing: a build or CI environment.
          f.message += "; the image starts " + *env + ", so it may be a build or CI environment";
          f.severity = Severity::info;
        }
        f.tags = {std::string(pm->name)};
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2020",
      .name = "build-tools-in-final-stage",
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "Build tools installed in the final stage",
      .rationale = "gcc, make, build-essential, git or -dev packages in the runtime image make it hundreds of MB "
                   "larger, slower to pull and scale, and give an attacker a compiler.",
      .fix = "FROM python:3.12 AS build\nRUN pip wheel -w /wheels -r requirements.txt\nFROM python:3.12-slim\n"
             "COPY --from=build /wheels /wheels",
  });
};

DD_DOCKERFILE_RULE(BuildToolsInFinal)

}  // namespace
}  // namespace dd::dockerfile
