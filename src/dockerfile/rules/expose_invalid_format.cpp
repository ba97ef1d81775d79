// DD1019: EXPOSE with an IP address or host port.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class ExposeInvalidFormat : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::EXPOSE) continue;
      for (const auto& a : ins.args) {
        if (a.text.find('$') != std::string::npos) continue;
        util::Port p = util::split_port(a.text);
        auto colon = p.ports.rfind(':');
        if (colon == std::string::npos) continue;
        std::string container = p.ports.substr(colon + 1) + (p.proto.empty() ? "" : "/" + p.proto);
        Finding f = in.at(a.range, "EXPOSE " + a.text + " on line " + std::to_string(a.range.begin.line) +
                                       " names a host address or port; EXPOSE takes only the container port (" + container + ")");
        f.root_cause = "Host IPs and port mappings belong to docker run -p or the orchestrator, not to the image.";
        f.fix = "EXPOSE " + container;
        in.propose({a.range, container});
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1019",
      .name = "expose-invalid-format",
      .category = Category::network_unreachable,
      .severity = Severity::warning,
      .summary = "EXPOSE with an IP address or host port",
      .rationale = "EXPOSE only documents container ports; an IP or host:container mapping is ignored by the engine, so the service is not published where the author expects.",
      .fix = "EXPOSE 8080   (and publish with docker run -p 127.0.0.1:80:8080)",
      .aliases = {"ExposeInvalidFormat"},
  });
};

DD_DOCKERFILE_RULE(ExposeInvalidFormat)

}  // namespace
}  // namespace dd::dockerfile
