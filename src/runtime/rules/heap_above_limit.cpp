// DD5202: the runtime's heap (NODE_OPTIONS --max-old-space-size, JVM -Xmx or
// -XX:MaxRAMPercentage) is as large as or larger than the container's memory
// limit, so the kernel kills the process before the runtime collects garbage.
#include <cmath>

#include "knowledge/heap.h"
#include "knowledge/quantity.h"
#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_heap_above_limit = Rules::add(
    "DD5202", "heap-above-limit", Category::oom_killed, Severity::error, "The runtime's heap is larger than the container",
    "A heap bound above the memory limit means the garbage collector never runs in time: the kernel kills the process "
    "first.",
    "-e NODE_OPTIONS=--max-old-space-size=384   # about 75% of the limit\n"
    "-e JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.0",
    {"memory"});

struct Heap {
  std::string source;  // NODE_OPTIONS=--max-old-space-size=4096
  int64_t bytes = 0;
  bool node = false;
};

// The heap bound the runtime is given: the flags are read by the knowledge
// layer (knowledge/heap.h), per source; a Node.js bound first, then -Xmx /
// -XX:MaxHeapSize, then -XX:MaxRAMPercentage of the limit.
std::optional<Heap> find_heap(const ContainerState& s) {
  std::vector<std::pair<std::string, std::string>> sources;  // label, text
  for (const char* name : {"NODE_OPTIONS", "JAVA_TOOL_OPTIONS", "JAVA_OPTS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"})
    if (auto v = s.env_value(name)) sources.push_back({std::string(name) + "=" + *v, *v});
  if (!s.command_line().empty()) sources.push_back({s.fields.cmd + "=" + s.command_line(), s.command_line()});
  for (const auto& [label, text] : sources) {
    auto flags = kb::heap_flags(text);
    for (const auto& f : flags)
      if (f.node && f.bytes > 0) return Heap{clip(label, 200), f.bytes, true};
    for (const auto& f : flags)
      if (!f.node && f.bytes > 0) return Heap{clip(label, 200), f.bytes, false};
    for (const auto& f : flags)
      if (f.percent > 0 && s.memory_limit > 0)
        return Heap{clip(label, 200), static_cast<int64_t>(s.memory_limit * f.percent / 100.0), false};
  }
  return std::nullopt;
}

class HeapAboveLimit : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_heap_above_limit; }
  void check(Diagnosis& d) const override {
    const ContainerState& s = d.state;
    if (s.memory_limit <= 0) return;
    auto heap = find_heap(s);
    if (!heap || heap->bytes < s.memory_limit) return;
    bool killed = s.oom_killed || (s.exit_code && *s.exit_code == 137);
    const auto& fn = s.fields;
    Finding f = d.at_field(kInfo_heap_above_limit.id, fn.memory);
    f.severity = killed ? Severity::error : Severity::warning;
    f.evidence = heap->source + " (" + human_bytes(heap->bytes) + " heap), " + fn.memory + "=" +
                 std::to_string(s.memory_limit) + " (" + human_bytes(s.memory_limit) + ")" +
                 (s.oom_killed ? ", " + fn.oom_killed + "=" + fn.oom_killed_true : "");
    f.message = std::string(killed ? "container " + s.label() + " was OOM-killed: " : "") + "the heap bound " +
                human_bytes(heap->bytes) + " (" + heap->source + ") is not below the " + human_bytes(s.memory_limit) +
                " memory limit";
    f.root_cause = "The runtime may grow its heap past the container's memory limit, so the kernel kills the process "
                   "before the garbage collector reclaims memory.";
    int64_t target_mib = s.memory_limit * 3 / 4 / (1024 * 1024);
    if (heap->node)
      f.fix = "-e NODE_OPTIONS=--max-old-space-size=" + std::to_string(target_mib) + "   # 75% of " +
              human_bytes(s.memory_limit);
    else
      f.fix = "-e JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.0   # and drop -Xmx: the heap follows the " +
              human_bytes(s.memory_limit) + " limit";
    f.tags = {heap->node ? "node" : "jvm", "memory"};
    for (auto* id : {"node-heap-oom", "java-heap-space", "shell-killed"})
      if (auto* m = d.match_id(id)) m->consumed = true;
    if (killed) d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(HeapAboveLimit)

}  // namespace
}  // namespace dd::runtime::rules
