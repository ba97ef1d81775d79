// DD1015: FROM --platform with a constant value.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class FromPlatformConstant : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::FROM) continue;
      const Flag* p = ins.flag("platform");
      if (!p || p->value.empty() || p->value.find('$') != std::string::npos) continue;
      // A stage named after its platform (build_amd64) is platform-specific on purpose.
      std::string name = ins.stage >= 0 && ins.stage < static_cast<int>(in.df.stages.size()) ? in.df.stages[ins.stage].name : "";
      bool named = false;
      std::string v = util::lower(p->value);
      size_t start = 0;
      while (!name.empty() && start <= v.size()) {
        size_t slash = v.find('/', start);
        std::string part = v.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!part.empty() && name.find(part) != std::string::npos) named = true;
        if (slash == std::string::npos) break;
        start = slash + 1;
      }
      if (named) continue;
      Finding f = in.at(p->range, "FROM on line " + std::to_string(p->range.begin.line) + " forces --platform=" + p->value +
                                      ": builds for other platforms get this architecture anyway");
      f.root_cause = "The platform is a constant instead of $BUILDPLATFORM or the build's --platform (or drop "
                     "--platform and pass it to docker build).";
      std::string rest;  // the image and its AS name, as written
      for (const auto& a : ins.args) rest += (rest.empty() ? "" : " ") + a.text;
      f.fix = "FROM --platform=$BUILDPLATFORM " + (rest.empty() ? std::string("<image>") : rest);
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1015",
      .name = "from-platform-constant",
      .category = Category::arch_mismatch,
      .severity = Severity::warning,
      .summary = "FROM --platform with a constant value",
      .rationale = "A constant --platform pins the stage to one architecture: a multi-platform build ships amd64 binaries in the arm64 image (exec format error), or runs under slow emulation.",
      .fix = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build",
      .aliases = {"FromPlatformFlagConstDisallowed", "DL3029"},
  });
};

DD_DOCKERFILE_RULE(FromPlatformConstant)

}  // namespace
}  // namespace dd::dockerfile
