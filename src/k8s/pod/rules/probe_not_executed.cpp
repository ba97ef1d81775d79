// DD6511 pod-probe-not-executed: `drydock k8s preflight` could not execute a
// probe (a gRPC probe with no grpc_health_probe in the image nor in
// --probe-image). Said at info so that "not executed" is never read as
// "passed" nor as "failed".
#include "core/registrar.h"

namespace dd::k8s::pod {
namespace {

const RuleInfo& kNotExecuted = Registrar<Domain::k8s>::add(
    "DD6511", "pod-probe-not-executed", Category::no_healthcheck, Severity::info,
    "A probe could not be executed locally",
    "The kubelet has a built-in gRPC health client; locally a gRPC probe needs grpc_health_probe in the image or "
    "in the --probe-image, otherwise the probe is not executed and its result is unknown.",
    "drydock k8s preflight FILE --probe-image IMAGE   # an image with sh and grpc_health_probe", {"k8s"});

}  // namespace
}  // namespace dd::k8s::pod
