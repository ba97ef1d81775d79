// DD2033: connection strings with a password baked into ENV/ARG.
#include "dockerfile/rule.h"
#include "dockerfile/rules/redaction.h"

namespace dd::dockerfile {
namespace {

class UrlCredentials : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::ENV && ins.kind != Kw::ARG) continue;
      for (const auto& kv : ins.pairs) {
        auto [b, e] = secrets::url_password(kv.value);
        if (b == std::string::npos) continue;
        std::string pw = kv.value.substr(b, e - b);
        if (secrets::is_placeholder(pw)) continue;
        std::string shown = redact_in(kv.value, pw);
        Finding f = in.at(kv.value_range,
                          ins.keyword + " " + kv.key + " on line " + std::to_string(ins.range.begin.line) +
                              " embeds the password of " + shown + " in the image",
                          ins.keyword + " " + kv.key + "=" + shown);
        f.root_cause = "A connection string with user:password is stored in the image config; the same password "
                       "then works from every environment that runs the image.";
        f.fix = "ENV " + kv.key + "=  (empty) and inject the full URL at run time from a secret (docker run -e " +
                kv.key + ", Kubernetes secretKeyRef)";
        f.tags = {"secret", "connection-string"};
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2033",
      .name = "credentials-in-url",
      .category = Category::secret_leak,
      .severity = Severity::error,
      .summary = "Password inside a connection string",
      .rationale = "postgres://app:s3cret@db/app in ENV ships the database password with the image and pins every "
                   "environment to one credential.",
      .fix = "Pass DATABASE_URL at run time from a secret; keep only non-secret defaults in the Dockerfile",
      .tags = {"secret"},
      .security = true,
  });
};

DD_DOCKERFILE_RULE(UrlCredentials)

}  // namespace
}  // namespace dd::dockerfile
