// DD6510 pod-init-container-failed: an init container exits non-zero. The
// kubelet runs init containers in order, each to completion, before any app
// container; one that fails is restarted (Init:Error, then
// Init:CrashLoopBackOff) or, with restartPolicy Never, fails the pod. Raised
// by `drydock k8s preflight`, which runs them on the local engine.
#include "core/registrar.h"

namespace dd::k8s::pod {
namespace {

const RuleInfo& kInitFailed = Registrar<Domain::k8s>::add(
    "DD6510", "pod-init-container-failed", Category::crash_loop, Severity::error,
    "An init container fails, so the app containers never start",
    "Init containers run one after the other to completion before the app containers; one that exits non-zero is "
    "restarted with a back-off (Init:Error, Init:CrashLoopBackOff) or fails the pod under restartPolicy Never.",
    "kubectl logs POD -c INIT_CONTAINER   # its last lines say why it failed", {"k8s"});

}  // namespace
}  // namespace dd::k8s::pod
