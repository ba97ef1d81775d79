// DD5201: OOM-killed with HostConfig.Memory=0: there was no limit, so the
// host (or the node) ran out of memory and the kernel picked this container.
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_oom_no_limit = Rules::add(
    "DD5201", "oom-without-limit", Category::oom_killed, Severity::error, "OOM-killed without a memory limit",
    "With no limit the container competes for all of the host's memory; when the host runs out, the kernel kills it "
    "and its neighbours without warning.",
    "docker run --memory 512m --memory-reservation 384m IMAGE", {"memory"});

class OomNoLimit : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_oom_no_limit; }
  void check(Diagnosis& d) const override {
    const ContainerState& s = d.state;
    if (!s.oom_killed || s.memory_limit != 0) return;
    const auto& fn = s.fields;
    Finding f = d.at_field(kInfo_oom_no_limit.id, fn.oom_killed);
    f.evidence = fn.oom_killed + "=" + fn.oom_killed_true + ", " + fn.memory + "=0" +
                 (s.exit_code ? ", " + fn.exit_code + "=" + std::to_string(*s.exit_code) : "");
    f.message = "container " + s.label() + " was OOM-killed although it has no memory limit (" + fn.memory +
                "=0): the host ran out of memory";
    f.root_cause = "Without a memory limit the container can use all host memory, so the kernel killed it when the host "
                   "(or the node) ran out.";
    f.fix =
        "docker run --memory 512m --memory-reservation 384m IMAGE\n"
        "# Kubernetes:\n"
        "resources:\n"
        "  requests:\n"
        "    memory: 384Mi\n"
        "  limits:\n"
        "    memory: 512Mi";
    for (auto* id : {"shell-killed", "oom-killer-message"})
      if (auto* m = d.match_id(id)) m->consumed = true;
    d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(OomNoLimit)

}  // namespace
}  // namespace dd::runtime::rules
