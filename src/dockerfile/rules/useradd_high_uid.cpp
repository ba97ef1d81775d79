// DD1121: useradd with a high UID and without -l bloats /var/log/lastlog.
#include <cstdlib>

#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class UseraddHighUid : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& c : run_commands(in)) {
      if (c.name() != "useradd"sv) continue;
      if (util::has_opt(c, {"-l", "--no-log-init"})) continue;
      std::string uid = util::opt_value(c, {"-u", "--uid"});
      if (uid.empty() || uid.size() > 12 || uid.find_first_not_of("0123456789") != std::string::npos) continue;
      long long n = std::atoll(uid.c_str());
      if (n < 65536) continue;
      long long mb = n * 292 / (1024 * 1024);
      Range r = c.range(c.prog);
      Finding f = in.at(r, "useradd on line " + std::to_string(r.begin.line) + " creates uid " + uid +
                               " without -l: /var/log/lastlog becomes a sparse file of about " + std::to_string(mb) +
                               " MB that the layer stores in full",
                        util::text_of(in.df, c.whole()));
      f.root_cause = "lastlog reserves 292 bytes per uid up to the highest one, and image layers do not keep files sparse.";
      f.fix = "useradd --no-log-init -u " + uid + " ...";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1121",
      .name = "useradd-high-uid",
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "useradd with a high UID without -l",
      .rationale = "Without --no-log-init, useradd writes the lastlog/faillog entry at offset uid*292, a sparse file that tar stores as real bytes: hundreds of MB for large uids.",
      .fix = "useradd --no-log-init -u <uid> <name>",
      .aliases = {"DL3046"},
  });
};

DD_DOCKERFILE_RULE(UseraddHighUid)

}  // namespace
}  // namespace dd::dockerfile
