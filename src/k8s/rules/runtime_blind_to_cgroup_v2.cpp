// DD6004: a JDK or Node version (read from the image tag) that does not see cgroup v2 memory limits.
#include <optional>

#include "k8s/lint.h"

namespace dd::k8s {
namespace {

struct Version {
  int major = 0, minor = -1, patch = -1;  // -1: not in the tag
};

// Leading "N", "N.N", "N.N.N" of a tag (stops at the first other character).
std::optional<Version> leading_version(std::string_view tag) {
  Version v;
  int* parts[] = {&v.major, &v.minor, &v.patch};
  size_t i = 0;
  for (int k = 0; k < 3; ++k) {
    if (i >= tag.size() || !std::isdigit(static_cast<unsigned char>(tag[i]))) {
      if (k == 0) return std::nullopt;
      break;
    }
    int n = 0;
    while (i < tag.size() && std::isdigit(static_cast<unsigned char>(tag[i])) && n < 100000) n = n * 10 + (tag[i++] - '0');
    *parts[k] = n;
    if (i < tag.size() && tag[i] == '.') ++i;
    else break;
  }
  return v;
}

bool jdk_image(const kb::ImageRef& r) {
  return r.name == "openjdk" || r.name == "eclipse-temurin" || r.name == "amazoncorretto" || r.name == "adoptopenjdk" ||
         r.name == "ibm-semeru-runtimes" || r.name == "zulu-openjdk" || r.name == "sapmachine";
}

// "" when the JDK named by the tag sees cgroup v2 (or the tag does not say).
std::string old_jdk(std::string_view tag) {
  // 8u312, 8u372-b07: Java 8 update N; cgroup v2 support arrived in 8u372.
  if (tag.size() > 2 && tag[0] == '8' && tag[1] == 'u') {
    auto v = leading_version(tag.substr(2));
    if (v && v->major < 372) return "8u" + std::to_string(v->major) + " (cgroup v2 support needs 8u372)";
    return {};
  }
  auto v = leading_version(tag);
  if (!v || v->minor < 0) return {};  // a bare major tag follows the newest update
  if (v->major == 11 && v->minor == 0 && v->patch >= 0 && v->patch < 16)
    return "11.0." + std::to_string(v->patch) + " (cgroup v2 support needs 11.0.16)";
  return {};
}

class RuntimeBlindToCgroupV2 : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const Workload& w, Report& out) const override {
    for (const Container* c : all_containers(w.pod)) {
      if (c->resources.memory_limit.empty()) continue;
      auto ref = kb::parse_image(c->image);
      if (ref.tag.empty()) continue;
      bool heap_set = false;
      for (const auto& h : heap_flags(w, *c)) heap_set = heap_set || h.bytes > 0;
      std::string why;
      bool node = false;
      if (jdk_image(ref)) {
        why = old_jdk(ref.tag);
        if (!why.empty()) why = "JDK " + why;
      } else if (ref.official() && ref.name == "node") {
        auto v = leading_version(ref.tag);
        if (v && v->major >= 12 && v->major < 20) {
          why = "Node " + std::to_string(v->major) + " (libuv reads cgroup v2 limits from Node 20)";
          node = true;
        }
      }
      if (why.empty() || heap_set) continue;
      Finding f = at(w, c, c->image_at,
                     "Image " + c->image + " runs " + why + ": on a cgroup v2 node it sizes its heap from the node's memory, "
                         "not from the limit " + c->resources.memory_limit + ", and is OOM-killed",
                     c->image, c->path + ".image");
      f.root_cause = "Kubernetes 1.25+ nodes use cgroup v2; older runtimes only read cgroup v1 limit files.";
      f.fix = node ? "Use node:20 or later, or set NODE_OPTIONS=--max-old-space-size=<75% of the limit in MiB>"
                   : "Use a JDK of at least 8u372, 11.0.16 or 17, or set -Xmx to about 75% of the limit";
      f.tags.push_back(node ? "node" : "jvm");
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD6004",
      .name = "k8s-runtime-blind-to-cgroup-v2",
      .category = Category::oom_killed,
      .severity = Severity::warning,
      .summary = "Runtime version too old to see cgroup v2 memory limits",
      .rationale = "After a node upgrade to cgroup v2, JDKs before 8u372/11.0.16 and Node before 20 size their heap from "
                   "the node's RAM and are OOMKilled although nothing in the manifest changed.",
      .fix = "Upgrade the runtime, or set the heap explicitly from the limit.",
      .tags = {"k8s", "jvm", "node"},
  });
};

DD_K8S_RULE(RuntimeBlindToCgroupV2)

}  // namespace
}  // namespace dd::k8s
