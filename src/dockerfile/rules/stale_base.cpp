// DD2070 `latest` or no tag, DD2071 no digest, DD2072 end-of-life base.
#include "dockerfile/rule.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/local_image.h"
#include "core/package_facts.h"

namespace dd::dockerfile {
namespace {

const RuleInfo& digest_info() {
  static const RuleInfo& r = Rules::add({
      .id = "DD2071",
      .name = "base-not-pinned-by-digest",
      .category = Category::stale_image,
      .severity = Severity::info,
      .summary = "Base image not pinned by digest",
      .rationale = "A tag moves: two builds of the same commit get different bases, and a rebuild can pull a broken "
                   "or compromised image. `docker buildx imagetools inspect IMAGE:TAG` prints the digest to pin.",
      .fix = "FROM node:22.11-bookworm-slim@sha256:<digest>",
      .tags = {"pinning"},
  });
  return r;
}
const RuleInfo& eol_info() {
  static const RuleInfo& r = Rules::add({
      .id = "DD2072",
      .name = "end-of-life-base",
      .category = Category::stale_image,
      .severity = Severity::warning,
      .summary = "End-of-life base image",
      .rationale = "An end-of-life OS or runtime gets no security fixes: scanners light up, and package mirrors "
                   "disappear so builds start failing.",
      .fix = "FROM python:3.14-slim",
      .tags = {"eol"},
  });
  return r;
}

// Whether a local image is an end-of-life OS (its /etc/os-release) or
// runtime (the version variables the official images set, inherited by bases
// built on them). `what` names it.
std::optional<std::string> inside_of(const local::Base& b, std::string& upgrade, std::string& what) {
  if (auto os = b.store->read_file(b.ref, "/etc/os-release", 16384)) {
    std::string id, version;
    size_t pos = 0;
    while (pos < os->size()) {
      size_t nl = os->find('\n', pos);
      std::string line = os->substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      pos = nl == std::string::npos ? os->size() : nl + 1;
      auto value = [&](std::string_view key) -> std::optional<std::string> {
        if (line.rfind(std::string(key) + "=", 0) != 0) return std::nullopt;
        std::string v = line.substr(key.size() + 1);
        if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
        return v;
      };
      if (auto v = value("ID")) id = *v;
      if (auto v = value("VERSION_ID")) version = *v;
    }
    if (!id.empty() && !version.empty()) {
      if (auto v = dd::kb::eol_verdict(id, version, dd::kb::today())) {
        upgrade = v->upgrade;
        what = id + " " + version + " (its /etc/os-release)";
        return v->why;
      }
    }
  }
  static const std::pair<std::string_view, std::string_view> kRuntimes[] = {
      {"PYTHON_VERSION", "python"}, {"NODE_VERSION", "node"}, {"GOLANG_VERSION", "golang"},
      {"PHP_VERSION", "php"},       {"RUBY_VERSION", "ruby"}};
  for (const auto& e : b.image.env)
    for (const auto& [var, image] : kRuntimes)
      if (e.size() > var.size() && e.compare(0, var.size(), var) == 0 && e[var.size()] == '=') {
        std::string version = e.substr(var.size() + 1);
        if (auto v = dd::kb::eol_verdict(image, version, dd::kb::today())) {
          upgrade = v->upgrade;
          what = std::string(image) + " " + version + " (its " + std::string(var) + ")";
          return v->why;
        }
      }
  return std::nullopt;
}

bool trusted(const LintInput& in, const kb::ImageRef& r) {
  for (const auto& t : in.config.trusted_registries)
    if (!r.registry.empty() && r.registry == t) return true;
  return false;
}

class StaleBase : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const Stage* last = in.df.final_stage();
    for (const auto& st : in.df.stages) {
      if (st.base_stage || st.from_index >= in.df.instructions.size()) continue;
      std::string img = st.base_expanded.empty() ? st.base : st.base_expanded;
      if (img.empty() || img.find_first_of("${") != std::string::npos) continue;
      kb::ImageRef ref = kb::parse_image(img);
      if (inc::is_scratch(ref)) continue;
      const Instruction& from = in.df.instructions[st.from_index];
      const Arg* tok = nullptr;
      for (const auto& a : from.args)
        if (a.text.rfind("--", 0) != 0) {
          tok = &a;
          break;
        }
      Range r = tok ? tok->range : from.keyword_range;
      std::string line = line_text(in.df, from.range.begin.line);
      std::string resolved = img != st.base ? " (" + st.base + " resolves to " + img + ")" : "";
      if (ref.digest.empty() && (ref.tag.empty() || ref.tag == "latest"sv)) {
        Finding f = in.at(r, "FROM " + img + resolved + " on line " + std::to_string(from.range.begin.line) +
                                 (ref.tag.empty() ? " has no tag, so it means :latest" : " uses :latest") +
                                 ": every build may get a different base",
                          line);
        f.root_cause = "latest moves with every upstream release, so a rebuild silently changes OS, runtime and "
                       "libraries.";
        f.fix = "FROM " + pinned(ref);
        out.add(info_, std::move(f));
      } else if (ref.digest.empty() && &st == last && !trusted(in, ref)) {
        Finding f = in.at(r, "FROM " + img + resolved + " on line " + std::to_string(from.range.begin.line) +
                                 " is pinned by tag only; the tag can move under you",
                          line);
        f.root_cause = "Tags are mutable; only a digest names exact bytes.";
        f.fix = "FROM " + img + "@sha256:<digest>";
        out.add(digest_info(), std::move(f));
      }
      std::string upgrade;
      if (auto eol = dd::kb::eol_verdict(ref, dd::kb::today())) {
        Finding f = in.at(r, "FROM " + img + resolved + " on line " + std::to_string(from.range.begin.line) + ": " +
                                 eol->why,
                          line);
        f.root_cause = "The base no longer receives security updates.";
        f.fix = "FROM " + (eol->upgrade.empty() ? ref.path + ":<supported version>" : eol->upgrade);
        if (eol->release)
          set_package_facts(f, eol->release->image, eol->release->release, dd::kb::parse_image(eol->upgrade).tag);
        out.add(eol_info(), std::move(f));
      } else if (auto real = local::stage_base(in, st.index)) {
        // The tag tells nothing (a company base): what the image is made of.
        std::string what;
        if (auto inside = inside_of(*real, upgrade, what)) {
          Finding f = in.at(r, "FROM " + img + resolved + " on line " + std::to_string(from.range.begin.line) +
                                   ": the local image is " + what + ": " + *inside,
                            line);
          f.root_cause = "The base no longer receives security updates; its tag does not say so, its contents do. "
                         "Rebuild " + img + " FROM " + (upgrade.empty() ? "a supported release" : upgrade) + ".";
          f.fix = "FROM " + (upgrade.empty() ? std::string("<a supported release>") : upgrade);
          out.add(eol_info(), std::move(f));
        }
      }
    }
  }

 private:
  // The reference with a tag: the newest supported release of a known
  // family in the same variant (no tag is the full image: python ->
  // python:3.14), the family's replacement when the image itself is gone
  // (openjdk -> eclipse-temurin:21-jre), else a placeholder to fill in.
  static std::string pinned(const kb::ImageRef& r) {
    const std::string reg = r.registry.empty() ? "" : r.registry + "/";
    if (std::string v = dd::kb::eol_newest(r.path, dd::kb::today()); !v.empty()) return reg + r.path + ":" + v;
    if (std::string up = dd::kb::eol_upgrade(r.path, dd::kb::today()); !up.empty()) return up;
    return reg + r.path + ":<version>";
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD2070",
      .name = "latest-base",
      .category = Category::stale_image,
      .severity = Severity::warning,
      .summary = "Base image uses latest or no tag",
      .rationale = "FROM node or FROM node:latest changes under you: builds are not reproducible and a major "
                   "upgrade can arrive in an unrelated commit.",
      .fix = "FROM node:20-bookworm-slim",
      .aliases = {"DL3006", "DL3007", "DS001", "AVD-DS-0001"},
      .tags = {"pinning"},
  });
};

DD_DOCKERFILE_RULE(StaleBase)
[[maybe_unused]] const RuleInfo& kDigest = digest_info();
[[maybe_unused]] const RuleInfo& kEol = eol_info();

}  // namespace
}  // namespace dd::dockerfile
