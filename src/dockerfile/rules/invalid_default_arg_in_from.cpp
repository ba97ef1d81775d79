// DD1014: Default ARG values give an invalid FROM image.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

bool lower_component(std::string_view c) {
  if (c.empty()) return false;
  for (char ch : c)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-')) return false;
  return std::isalnum(static_cast<unsigned char>(c.front())) && std::isalnum(static_cast<unsigned char>(c.back()));
}

bool valid_reference(std::string_view s) {
  if (s.empty()) return false;
  auto at = s.find('@');
  if (at != std::string_view::npos) {
    std::string_view d = s.substr(at + 1);
    auto colon = d.find(':');
    if (colon == std::string_view::npos || colon == 0 || d.size() - colon - 1 < 32) return false;
    s = s.substr(0, at);
  }
  auto slash = s.rfind('/');
  auto colon = s.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    std::string_view tag = s.substr(colon + 1);
    if (tag.empty() || tag.size() > 128 || tag[0] == '.' || tag[0] == '-') return false;
    for (char ch : tag)
      if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == '-')) return false;
    s = s.substr(0, colon);
  }
  if (s.empty()) return false;
  size_t start = 0;
  bool first = true;
  while (start <= s.size()) {
    size_t end = s.find('/', start);
    std::string_view c = s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    bool registry = first && end != std::string_view::npos &&
                    (c.find_first_of(".:") != std::string_view::npos || c == "localhost"sv);
    if (!registry && !lower_component(c)) return false;
    if (registry && c.empty()) return false;
    first = false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

class InvalidDefaultArgInFrom : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    Vars defaults;
    for (size_t i : in.df.global_args)
      if (i < in.df.instructions.size())
        // A default sees the ARGs before it, as BuildKit expands them:
        // ARG IMAGE="golang:${GO_VERSION}-bookworm".
        for (const auto& kv : in.df.instructions[i].pairs)
          defaults[kv.key] = kv.has_value ? expand(kv.raw_value, defaults, in.df.escape).value : "";
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::FROM || ins.args.empty()) continue;
      const auto& base = ins.args[0];
      if (base.text.find('$') == std::string::npos) continue;
      auto refs = util::var_refs(base.text, in.df.escape);
      bool all_known = true;
      for (const auto& r : refs) all_known = all_known && (defaults.count(r.name) || r.has_default);
      if (!all_known) continue;  // undefined-arg-in-from reports those
      std::string v = expand(base.text, defaults, in.df.escape).value;
      if (in.df.stage_named(util::lower(v)) || util::lower(v) == "scratch"sv || valid_reference(v)) continue;
      std::string which;
      for (const auto& r : refs)
        if (defaults.count(r.name) && defaults[r.name].empty()) which = r.name;
      Finding f = in.at(base.range, "with its default ARG values, FROM " + base.text + " on line " +
                                        std::to_string(base.range.begin.line) + " becomes '" + v +
                                        "', which is not a valid image reference");
      f.root_cause = which.empty() ? "The ARG defaults expand to an invalid image name."
                                   : "ARG " + which + " has no default value, so it expands to an empty string.";
      f.fix = which.empty() ? "give the ARGs before FROM defaults that form a valid image" : "ARG " + which + "=<default>";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1014",
      .name = "invalid-default-arg-in-from",
      .category = Category::image_pull,
      .severity = Severity::warning,
      .summary = "Default ARG values give an invalid FROM image",
      .rationale = "When the build does not pass --build-arg, FROM expands with the ARG defaults; an empty or invalid result fails the build (invalid reference format) or pulls an unintended image.",
      .fix = "ARG VERSION=3.20\\nFROM alpine:${VERSION}",
      .aliases = {"InvalidDefaultArgInFrom"},
  });
};

DD_DOCKERFILE_RULE(InvalidDefaultArgInFrom)

}  // namespace
}  // namespace dd::dockerfile
