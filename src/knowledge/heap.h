#pragma once
// Heap and CPU flags of the JVM and Node.js as they appear in command lines
// and option variables (JAVA_TOOL_OPTIONS, JAVA_OPTS, NODE_OPTIONS...). One
// reader for Kubernetes manifests and for diagnosed containers; sizes go
// through parse_memory (knowledge/quantity.h).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dd::kb {

struct HeapFlag {
  std::string text;    // the flag as written: -Xmx2g, --max-old-space-size=4096
  int64_t bytes = 0;   // -Xmx, -XX:MaxHeapSize, --max-old-space-size (MiB)
  double percent = 0;  // -XX:MaxRAMPercentage
  bool node = false;   // a Node.js flag
  bool active_processor_count = false;  // -XX:ActiveProcessorCount
};

// The flags among the whitespace-separated words of `text`, in order.
// Quotes and a trailing ';' around a word are dropped, a NAME= prefix
// (JAVA_OPTS=-Xmx1g) too; `--max-old-space-size 4096` (two words) counts.
std::vector<HeapFlag> heap_flags(std::string_view text);

}  // namespace dd::kb
