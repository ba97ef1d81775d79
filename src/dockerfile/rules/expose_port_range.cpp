// DD1020: EXPOSE port outside 0-65535.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

bool valid_port(std::string_view s) {
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string_view::npos) return false;
  return std::stol(std::string(s)) <= 65535;
}

class ExposePortRange : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::EXPOSE || !in_build(ins)) continue;  // before FROM: DD1021's finding
      for (const auto& a : ins.args) {
        if (a.text.find('$') != std::string::npos) continue;
        util::Port p = util::split_port(a.text);
        std::string ports = p.ports.substr(p.ports.rfind(':') == std::string::npos ? 0 : p.ports.rfind(':') + 1);
        auto dash = ports.find('-');
        bool ok = dash == std::string::npos ? valid_port(ports)
                                            : valid_port(ports.substr(0, dash)) && valid_port(ports.substr(dash + 1));
        if (ok) continue;
        Finding f = in.at(a.range, "EXPOSE " + a.text + " on line " + std::to_string(a.range.begin.line) +
                                       ": '" + ports + "' is not a port number in 0-65535");
        f.root_cause = "Ports are 16-bit numbers; the value is out of range or not a number.";
        f.fix = "EXPOSE 8080";
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1020",
      .name = "expose-port-range",
      .category = Category::network_unreachable,
      .severity = Severity::error,
      .summary = "EXPOSE port outside 0-65535",
      .rationale = "A port number above 65535 or a non-numeric port makes the build fail (invalid containerPort) or documents a port nothing can listen on.",
      .fix = "EXPOSE 8080",
      .aliases = {"DL3011", "DS008", "AVD-DS-0008"},
  });
};

DD_DOCKERFILE_RULE(ExposePortRange)

}  // namespace
}  // namespace dd::dockerfile
