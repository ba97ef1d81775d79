// DD1030: Label key does not follow the label key format.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

std::string problem(std::string_view k) {
  for (std::string_view r : {"com.docker.", "io.docker.", "org.dockerproject."})
    if (util::starts_with(k, r)) return "uses the reserved namespace " + std::string(r);
  if (k.empty()) return "is empty";
  if (!std::isalpha(static_cast<unsigned char>(k.front())) || std::isupper(static_cast<unsigned char>(k.front())))
    return "must start with a lower-case letter";
  if (!std::isalnum(static_cast<unsigned char>(k.back()))) return "must end with a letter or digit";
  for (size_t i = 0; i < k.size(); ++i) {
    char c = k[i];
    if (std::isupper(static_cast<unsigned char>(c))) return "contains upper-case letters";
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-'))
      return std::string("contains '") + c + "'";
    if ((c == '.' || c == '-') && i + 1 < k.size() && (k[i + 1] == '.' || k[i + 1] == '-'))
      return "contains consecutive separators";
  }
  return {};
}

class InvalidLabelKey : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (!in_build(ins)) continue;  // before the first FROM: DD1021 (DL3061) only
      if (ins.kind != Kw::LABEL) continue;
      for (const auto& kv : ins.pairs) {
        if (kv.key.find('$') != std::string::npos) continue;
        std::string why = problem(kv.key);
        if (why.empty()) continue;
        Finding f = in.at(kv.key_range, "label key '" + kv.key + "' on line " + std::to_string(kv.key_range.begin.line) + " " + why);
        f.root_cause = "Label keys are lower-case alphanumerics separated by single dots or hyphens.";
        f.fix = "LABEL " + util::lower(kv.key) + "=...";
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1030",
      .name = "invalid-label-key",
      .category = Category::best_practice,
      .severity = Severity::info,
      .summary = "Label key does not follow the label key format",
      .rationale = "Label keys should be lower-case reverse-DNS names (org.opencontainers.image.source); other keys collide with other tools or use reserved namespaces.",
      .fix = "LABEL org.opencontainers.image.source=\"https://github.com/acme/app\"",
      .aliases = {"DL3048"},
  });
};

DD_DOCKERFILE_RULE(InvalidLabelKey)

}  // namespace
}  // namespace dd::dockerfile
