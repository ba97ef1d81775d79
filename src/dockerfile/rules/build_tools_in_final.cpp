// DD2020: compilers, build tools or -dev packages installed in the final stage.
#include "dockerfile/rules/incident_util.h"

namespace dd::dockerfile {
namespace {

// Packages a RUN removes again (apt-get purge, apk del, yum remove...).
std::vector<std::string> removed(const std::vector<Cmd>& cmds) {
  std::vector<std::string> out;
  for (const auto& c : cmds) {
    size_t p = kb::real_program(c.argv);
    if (p + 1 >= c.argv.size()) continue;
    std::string_view prog = kb::basename(c.argv[p]);
    bool rm = false;
    for (size_t i = p + 1; i < c.argv.size(); ++i) {
      const std::string& a = c.argv[i];
      if (!rm) {
        if (a == "purge"sv || a == "remove"sv || a == "del"sv || a == "erase"sv || a == "autoremove"sv) rm = true;
        continue;
      }
      if (!a.empty() && a[0] != '-') out.push_back(a);
    }
    (void)prog;
  }
  return out;
}

class BuildToolsInFinal : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const bool single = in.df.stages.size() == 1;
    for (const Instruction* ins : inc::final_instructions(in)) {
      if (ins->kind != Kw::RUN) continue;
      const auto& cmds = instruction_commands(in, *ins);
      auto gone = removed(cmds);
      // apt-mark auto + purge --auto-remove (docker-library style) removes every build dependency.
      if (inc::mentions(*ins, {"apt-mark auto"}) && inc::mentions(*ins, {"--auto-remove"})) continue;
      for (const auto& c : cmds) {
        size_t p = kb::real_program(c.argv);
        if (p >= c.argv.size()) continue;
        const kb::PackageManager* pm = kb::package_manager(kb::basename(c.argv[p]));
        if (!pm || pm->program.starts_with("pip")) continue;
        std::string virt;  // apk add --virtual NAME
        std::vector<size_t> hits;
        bool installing = false;
        for (size_t i = p + 1; i < c.argv.size(); ++i) {
          const std::string& a = c.argv[i];
          if (a == "--virtual"sv || a == "-t"sv) {
            if (i + 1 < c.argv.size()) virt = c.argv[++i];
            continue;
          }
          if (!a.empty() && a[0] == '-') continue;
          if (!installing) {
            installing = std::find(pm->install.begin(), pm->install.end(), a) != pm->install.end();
            if (!installing) break;
            continue;
          }
          if (kb::is_build_package(a) && std::find(gone.begin(), gone.end(), a) == gone.end()) hits.push_back(i);
        }
        if (hits.empty() || (!virt.empty() && std::find(gone.begin(), gone.end(), virt) != gone.end())) continue;
        std::string names;
        for (size_t k = 0; k < hits.size() && k < 4; ++k) names += (k ? ", " : "") + c.argv[hits[k]];
        if (hits.size() > 4) names += " and " + std::to_string(hits.size() - 4) + " more";
        Finding f = in.at(c.range(hits.front()),
                          names + " installed on line " + std::to_string(ins->range.begin.line) + (hits.size() == 1 ? " stays" : " stay") + " in the final image" +
                              (single ? " of this single-stage build" : "") +
                              ": build tools add hundreds of MB and attack surface at run time");
        f.root_cause = "Compilers and headers needed only to build are installed in the stage that ships.";
        f.fix = "Build in a separate stage and copy only the result: FROM <toolchain> AS build ... then in the final "
                "stage COPY --from=build /out/ /app/";
        f.tags = {std::string(pm->program)};
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Registry::instance().add({
      .id = "DD2020",
      .name = "build-tools-in-final-stage",
      .domain = Domain::dockerfile,
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
