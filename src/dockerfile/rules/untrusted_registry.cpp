// DD1031: Base image from a registry that is not trusted.
#include "dockerfile/rules/pkg_util.h"
#include "knowledge/image_ref.h"

namespace dd::dockerfile {
namespace {

// The registry the engine pulls from: the one reference parser
// (knowledge/image_ref.h); Docker Hub however it is written is docker.io.
std::string registry_of(const dd::kb::ImageRef& ref) { return ref.registry.empty() ? "docker.io" : ref.registry; }

// The reference without its registry, as a mirror would serve it: node:20, team/app:1@sha256:...
std::string repository_part(const dd::kb::ImageRef& ref) {
  std::string out = ref.path;
  if (!ref.tag.empty()) out += ":" + ref.tag;
  if (!ref.digest.empty()) out += "@" + ref.digest;
  return out;
}
bool trusted(const std::string& reg, const std::vector<std::string>& list) {
  for (const auto& t : list) {
    if (t == "*"sv || t == reg) return true;  // a bare * allows every registry
    if ((t == "docker.io"sv || t == "hub.docker.com"sv) && (reg == "docker.io"sv || reg == "index.docker.io"sv || reg == "registry-1.docker.io"sv))
      return true;
    if (util::starts_with(t, "*.") && util::ends_with(reg, t.substr(1))) return true;
  }
  return false;
}

class UntrustedRegistry : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& list = in.config.trusted_registries;
    if (list.empty()) return;
    for (const auto& st : in.df.stages) {
      if (st.base_stage || st.from_index >= in.df.instructions.size()) continue;
      std::string image = st.base_expanded.empty() ? st.base : st.base_expanded;
      if (image.empty() || image.find('$') != std::string::npos || util::lower(image) == "scratch"sv) continue;
      const dd::kb::ImageRef ref = dd::kb::parse_image(image);
      std::string reg = registry_of(ref);
      if (trusted(reg, list)) continue;
      const auto& from = in.df.instructions[st.from_index];
      Range r = from.args.empty() ? from.keyword_range : from.args[0].range;
      std::string allowed;
      for (const auto& t : list) allowed += (allowed.empty() ? "" : ", ") + t;
      Finding f = in.at(r, "FROM " + image + " on line " + std::to_string(r.begin.line) + " pulls from " + reg +
                               ", which is not in the trusted registries (" + allowed + ")");
      f.root_cause = "The base image's registry is not on the configured allow-list.";
      f.fix = "FROM " + list.front() + "/" + repository_part(ref);
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1031",
      .name = "untrusted-registry",
      .category = Category::image_pull,
      .severity = Severity::error,
      .summary = "Base image from a registry that is not trusted",
      .rationale = "Images from registries outside the allowed list escape scanning and mirroring; in locked-down clusters they cannot be pulled at all.",
      .fix = "FROM registry.example.com/library/node:20-alpine",
      .aliases = {"DL3026"},
  });
};

DD_DOCKERFILE_RULE(UntrustedRegistry)

}  // namespace
}  // namespace dd::dockerfile
