// DD3004: the whole context copied into the runtime stage of a compiled app.
#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/packages.h"
#include "knowledge/programs.h"
#include "core/text.h"
#include "dockerfile/rules/context_util.h"

namespace dd::dockerfile {
namespace {

using namespace ctxrule;

struct Lang {
  std::string_view name;
  std::vector<std::string_view> markers;      // context files at the root
  std::vector<std::string_view> images;       // toolchain base images (repository name)
  std::vector<std::string_view> build_cmds;   // "program subcommand" or "program"
  std::string_view artifact;                  // what the runtime stage needs
  std::string_view dest;
  std::string_view build_step;                // the build command to show
};

const Lang kLangs[] = {
    {"Go", {"go.mod"}, {"golang"}, {"go build", "go install"}, "/out/app", "/usr/local/bin/app",
     "RUN CGO_ENABLED=0 go build -o /out/app ."},
    {"Rust", {"Cargo.toml"}, {"rust"}, {"cargo build", "cargo install"}, "/src/target/release/app",
     "/usr/local/bin/app", "RUN cargo build --release"},
    {"Java", {"pom.xml", "build.gradle", "build.gradle.kts"}, {"maven", "gradle"},
     {"mvn", "mvnw", "gradle", "gradlew"}, "/src/target/app.jar", "/app/app.jar", "RUN mvn -B package -DskipTests"},
    {".NET", {"*.csproj", "*.fsproj", "*.sln"}, {"sdk"}, {"dotnet publish", "dotnet build"}, "/out", "/app",
     "RUN dotnet publish -c Release -o /out"},
    {"C/C++", {"CMakeLists.txt", "meson.build"}, {"gcc"}, {"cmake", "make", "gcc", "g++", "clang", "clang++", "ninja"},
     "/src/build/app", "/usr/local/bin/app", "RUN cmake -B build && cmake --build build"},
};

std::string_view prog_name(std::string_view p) { return base_name(p); }

// True when a RUN of the stage compiles with one of `cmds`.
bool stage_builds(const LintInput& in, const Stage& st, const Lang& lang) {
  for (size_t idx : st.instructions) {
    const Instruction& ins = in.df.instructions[idx];
    if (ins.kind != Kw::RUN) continue;
    for (const auto& c : in.script(ins).commands) {
      if (c.argv.empty()) continue;
      size_t p = shell::real_program_index(c);
      if (p >= c.argv.size()) continue;
      std::string_view prog = prog_name(c.argv[p].value);
      std::string_view sub = p + 1 < c.argv.size() ? std::string_view(c.argv[p + 1].value) : std::string_view();
      for (std::string_view b : lang.build_cmds) {
        auto sp = b.find(' ');
        if (sp == std::string_view::npos ? prog == b : (prog == b.substr(0, sp) && sub == b.substr(sp + 1)))
          return true;
      }
    }
  }
  return false;
}

const Lang* detect(const LintInput& in, const context::BuildContext& ctx, int* build_stage) {
  for (const auto& lang : kLangs) {
    int found = -1;
    for (const auto& st : in.df.stages) {
      auto ref = kb::parse_image(st.base_expanded.empty() ? st.base : st.base_expanded);
      bool image = false;
      for (auto i : lang.images) image = image || ref.name == i;
      if (image || stage_builds(in, st, lang)) {
        found = st.index;
        break;
      }
    }
    bool marker = false;
    for (auto m : lang.markers)
      for (const auto* e : ctx.sources(m)) marker = marker || e->path.find('/') == std::string::npos;
    if (found >= 0 || marker) {
      *build_stage = found;
      return &lang;
    }
  }
  return nullptr;
}

bool runs_build_tool(const LintInput& in, const Stage& st) {
  for (size_t idx : st.instructions) {
    const Instruction& ins = in.df.instructions[idx];
    if (ins.kind != Kw::CMD && ins.kind != Kw::ENTRYPOINT) continue;
    auto argv = in.argv(ins);
    if (argv.empty()) continue;
    std::string_view p = prog_name(argv[0]);
    for (std::string_view t : {"go", "cargo", "mvn", "mvnw", "gradle", "gradlew", "make", "npm", "python", "sh", "bash"})
      if (p == t) return true;
    if (p == "dotnet"sv && argv.size() > 1 && (argv[1] == "run"sv || argv[1] == "watch"sv)) return true;
  }
  return false;
}

class ContextWholeCopyRuntime : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    if (!in.context || in.df.stages.empty()) return;
    const auto& ctx = *in.context;
    const Stage& final = in.df.stages.back();
    const Source* whole = nullptr;
    auto sources = context_sources(in);
    for (const auto& s : sources)
      if (s.ins->stage == final.index && whole_context(s.path)) {
        whole = &s;
        break;
      }
    if (!whole) return;
    int build_stage = -1;
    const Lang* lang = detect(in, ctx, &build_stage);
    if (!lang) return;
    bool multi = in.df.stages.size() > 1;
    if (!multi && (!stage_builds(in, final, *lang) || runs_build_tool(in, final))) return;
    if (multi && build_stage == final.index && final.index > 0) build_stage = 0;

    size_t files = 0;
    for (const auto& e : ctx.entries()) files += e.is_dir ? 0 : 1;
    std::vector<std::string> top;
    for (const auto& e : ctx.largest(4)) top.push_back(e.path + (e.is_dir ? "/" : ""));
    const Instruction& ins = *whole->ins;
    std::string msg = written(ins) + " on line " + std::to_string(ins.range.begin.line) +
                      " copies the whole build context (" + std::to_string(files) + " files, " +
                      human_size(ctx.total_size()) + (top.empty() ? "" : ": " + list_names(top, 4)) + ") into the " +
                      stage_label(in.df, final.index) + " of a " + std::string(lang->name) +
                      " build; at run time only the compiled artefact is needed";
    Finding f = in.at(whole->arg->range, msg);
    f.root_cause = "The runtime image receives the sources, tests, VCS history and build files along with the " +
                   std::string(lang->name) + " artefact, so it is larger, leaks code and rebuilds on every change.";
    std::string from;
    if (multi && build_stage >= 0) {
      const Stage& b = in.df.stages[build_stage];
      from = b.name.empty() ? std::to_string(build_stage) : b.name;
    }
    if (multi) {
      f.fix = "Replace `" + written(ins) + "` in the final stage with the artefact only:\nCOPY --from=" +
              (from.empty() ? "build" : from) + " " + std::string(lang->artifact) + " " + std::string(lang->dest);
    } else {
      f.fix = "Build in one stage and ship only the artefact:\nFROM <toolchain image> AS build\nWORKDIR /src\nCOPY . .\n" +
              std::string(lang->build_step) + "\nFROM <small runtime image>\nCOPY --from=build " +
              std::string(lang->artifact) + " " + std::string(lang->dest);
    }
    f.tags = {"multi-stage"};
    out.add(info_, std::move(f));
  }

 private:
  const RuleInfo& info_ = ctxrule::ContextRules::add({
      .id = "DD3004",
      .name = "context-whole-copy-runtime",
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "Whole build context copied into the runtime stage of a compiled app",
      .rationale = "A Go, Rust, Java, .NET or C/C++ service needs only its binary or package at run time; copying the "
                   "context ships sources, tests and .git, making the image larger and leaking code.",
      .fix = "Compile in a build stage and COPY --from=build only the artefact into the runtime stage.",
      .tags = {"multi-stage"},
  });
};

DD_DOCKERFILE_RULE(ContextWholeCopyRuntime)

}  // namespace
}  // namespace dd::dockerfile
