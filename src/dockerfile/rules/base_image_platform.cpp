// DD1142: the base image the engine already holds is for another platform
// than the build's (BuildKit's InvalidBaseImagePlatform). Needs the local
// image store: drydock lint --local-images.
#include <algorithm>

#include "core/image_store.h"
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

// BuildKit's automatic platform ARGs for a build from `build` to `target`.
void set_platform_args(Vars& v, const Platform& build, const Platform& target) {
  v["BUILDPLATFORM"] = build.str();
  v["BUILDOS"] = build.os;
  v["BUILDARCH"] = build.arch;
  v["BUILDVARIANT"] = build.variant;
  v["TARGETPLATFORM"] = target.str();
  v["TARGETOS"] = target.os;
  v["TARGETARCH"] = target.arch;
  v["TARGETVARIANT"] = target.variant;
}

class BaseImagePlatform : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    ImageStore* store = in.config.images.get();
    if (!store) return;
    const Platform build = store->host();
    std::vector<Platform> targets = in.config.platforms;
    if (targets.empty()) targets.push_back(build);
    for (const auto& st : in.df.stages) {
      if (st.base_stage || st.base_expanded.empty() || st.base_expanded.find('$') != std::string::npos) continue;
      if (util::lower(st.base_expanded) == "scratch") continue;
      const Instruction& from = in.df.instructions[st.from_index];
      // The platforms this FROM asks for: its --platform, or each target.
      std::vector<Platform> wanted;
      bool known = true;
      for (const auto& t : targets) {
        Platform w = t;
        if (!st.platform.empty()) {
          Vars v = in.scope(from);
          set_platform_args(v, build, t);
          auto e = expand(st.platform, v, in.df.escape);
          auto p = e.unresolved.empty() && e.error.empty() ? Platform::parse(e.value) : std::nullopt;
          if (!p) {
            known = false;
            break;
          }
          w = *p;
        }
        if (std::find(wanted.begin(), wanted.end(), w) == wanted.end()) wanted.push_back(w);
      }
      if (!known) continue;
      auto image = store->find(st.base_expanded);
      if (!image) continue;
      std::vector<std::string> missing;
      for (const auto& w : wanted)
        if (!image->platform.runs_as(w)) missing.push_back(w.str());
      if (missing.empty()) continue;
      std::string want = missing[0];
      for (size_t i = 1; i < missing.size(); ++i) want += ", " + missing[i];
      const std::string have = image->platform.str();
      const int line = st.base_range.begin.line;
      std::string shown = st.base;
      if (st.base != st.base_expanded) shown += " (" + st.base_expanded + ")";
      Finding f = in.at(st.base_range, "FROM " + shown + " on line " + std::to_string(line) + ": the local image is " +
                                           have + ", the build is for " + want);
      f.root_cause = "The engine already holds " + st.base_expanded + " for " + have + " (image " +
                     image->id.substr(0, 19) + "), and a build for " + want +
                     " starts from it: every RUN step and the container fail with 'exec format error', or run "
                     "under slow QEMU emulation where it is installed.";
      f.fix = "docker pull --platform " + missing[0] + " " + st.base_expanded +
              "   (replaces the local " + have + " image; or build with --platform " + have +
              " when that is the target)";
      f.tags = {"platform"};
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1142",
      .name = "base-image-platform",
      .category = Category::arch_mismatch,
      .severity = Severity::error,
      .summary = "Local base image is for another platform than the build",
      .rationale = "The engine builds FROM the image it already has: an arm64 base pulled on a Mac, or an amd64 one "
                   "on a Graviton host, makes every RUN and the container die with 'exec format error'. Checked "
                   "only with --local-images.",
      .fix = "docker pull --platform linux/amd64 node:22-slim",
      .aliases = {"InvalidBaseImagePlatform"},
  });
};

DD_DOCKERFILE_RULE(BaseImagePlatform)

}  // namespace
}  // namespace dd::dockerfile
