// DD2021: the final stage runs on a full OS or toolchain image where a slim,
// alpine or distroless variant of the same runtime exists.
#include "dockerfile/rule.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/development.h"
#include "dockerfile/rules/start_command.h"

namespace dd::dockerfile {
namespace {

std::string variant(const kb::ImageRef& r, std::string_view v) {
  if (v.empty()) return {};
  if (v.front() != '-') return std::string(v);
  std::string tag = r.tag.empty() || r.tag == "latest"sv ? "" : r.tag;
  if (text::contains(v, "alpine")) {
    // Alpine variants carry no Debian/Ubuntu code name: node:20-bookworm -> node:20-alpine.
    std::string kept;
    size_t pos = 0;
    while (pos <= tag.size()) {
      size_t d = tag.find('-', pos);
      if (d == std::string::npos) d = tag.size();
      std::string w = tag.substr(pos, d - pos);
      bool codename = false;
      for (std::string_view c : {"bookworm", "bullseye", "buster", "stretch", "jessie", "trixie", "jammy", "focal", "noble"})
        codename = codename || w == c;
      // node:20-alpine3.19 is alpine already: no "-alpine-alpine".
      if (!w.empty() && !codename && w.rfind("alpine", 0) != 0) kept += (kept.empty() ? "" : "-") + w;
      pos = d + 1;
    }
    tag = kept;
  }
  if (tag.empty()) return r.path + ":" + std::string(v.substr(1));
  return r.path + ":" + tag + std::string(v);
}

class FullOsBase : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& chain = inc::final_chain(in);
    if (chain.empty() || chain.back()->from_index >= in.df.instructions.size() ||
        chain.front()->from_index >= in.df.instructions.size())
      return;
    const Stage* root = chain.front();
    if (root->base_expanded.find('$') != std::string::npos) return;
    kb::ImageRef ref = inc::chain_base(chain);
    const kb::Runtime* rt = kb::runtime(ref.path);
    if (!rt || (!ref.registry.empty() && ref.registry != "docker.io"sv && ref.path != "dotnet/sdk"sv)) return;
    if (!rt->build_only && kb::is_small_tag(ref.tag)) return;
    if (ref.path == "php"sv && text::contains(ref.tag, "apache")) return;  // no small apache variant exists
    std::vector<std::string> options;
    for (auto v : {rt->slim, rt->alpine, rt->distroless})
      if (auto s = variant(ref, v); !s.empty() && s != ref.path + ":" + ref.tag) {
        // A toolchain's own variants (golang:1.22-alpine) are toolchains too:
        // the result goes into a runtime image.
        if (rt->build_only && s.rfind(ref.path + ":", 0) == 0) continue;
        options.push_back(s);
      }
    if (options.empty()) return;
    std::string list;
    for (size_t i = 0; i < options.size(); ++i) list += (i ? (i + 1 == options.size() ? " or " : ", ") : "") + options[i];
    const Instruction& from = in.df.instructions[root->from_index];
    Range r = from.args.empty() ? from.keyword_range : from.args.front().range;
    std::string img = root->base_expanded.empty() ? root->base : root->base_expanded;
    std::string msg = rt->build_only
                          ? "the final image runs on the " + ref.path + " toolchain image " + img +
                                " (hundreds of MB of compilers); build in it and copy the result into " + list
                          : img + " is a full OS image; the same runtime exists as " + list;
    Finding f = in.at(r, msg, line_text(in.df, from.range.begin.line));
    f.root_cause = "The runtime stage starts from the complete image with compilers, package sources and docs.";
    f.fix = rt->build_only ? "FROM " + img + " AS build\n# ... the build steps ...\nFROM " + options.back() + "\nCOPY --from=build /out/app /app"
                           : "FROM " + options.front();
    if (ref.path == "ubuntu"sv || ref.path == "debian"sv) f.severity = Severity::info;
    // A toolchain image that is a development or CI image (Dockerfile.e2e,
    // a lint target) or starts no program of its own, a shell, a build tool
    // or a build script (moby's Dockerfile.dev, a builder run with `docker
    // run ... make`, influxdb's packaging images): the compilers are its
    // purpose. The same reading as DD2020's.
    if (rt->build_only) {
      std::string dev = dev::development_target(in);
      std::string env = dev.empty() ? dev::environment_start(in) : std::string();
      if (!dev.empty() || !env.empty()) {
        f.severity = Severity::info;
        f.message += !dev.empty() ? "; it is a development image (" + dev + ")"
                                  : "; it starts " + env + ", so it may be a development or CI image";
      }
    }
    f.tags = {ref.path};
    out.add(info_, std::move(f));
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2021",
      .name = "full-os-base",
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "Full OS base image where a slim variant exists",
      .rationale = "node:20 is ~1 GB, node:20-slim ~200 MB, distroless less: pulls on every new node and every "
                   "scale-up take longer, and the extra packages bring CVEs.",
      .fix = "FROM node:20-slim",
  });
};

DD_DOCKERFILE_RULE(FullOsBase)

}  // namespace
}  // namespace dd::dockerfile
