// DD1134: Label of type url in the label schema is not a URL.
#include "dockerfile/rules/label_util.h"
namespace dd::dockerfile {
namespace {

class LabelInvalidUrl : public labels::TypedLabelRule {
 public:
  LabelInvalidUrl() : TypedLabelRule("url", "a URL", "https://github.com/acme/app") {}
  const RuleInfo& info() const override { return info_; }

 protected:
  bool valid(std::string_view v) const override {
    // scheme ":" rest, and for the web schemes a host after "//".
    size_t colon = v.find(':');
    if (colon == 0 || colon == std::string_view::npos || !std::isalpha(static_cast<unsigned char>(v[0]))) return false;
    for (char c : v.substr(0, colon))
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '.' || c == '-')) return false;
    for (char c : v)
      if (std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '<' || c == '>') return false;
    std::string_view rest = v.substr(colon + 1);
    std::string scheme = util::lower(v.substr(0, colon));
    if (scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "git" || scheme == "ssh")
      return rest.size() > 2 && rest.substr(0, 2) == "//" && rest[2] != '/';
    return !rest.empty();
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1134",
      .name = "label-invalid-url",
      .category = Category::best_practice,
      .severity = Severity::warning,
      .summary = "Label of type url in the label schema is not a URL",
      .rationale = "A label the schema types as url (source, documentation) must be an absolute URL that tools can follow.",
      .fix = "LABEL <name>=\"https://github.com/acme/app\"",
      .aliases = {"DL3052"},
  });
};

DD_DOCKERFILE_RULE(LabelInvalidUrl)

}  // namespace
}  // namespace dd::dockerfile
