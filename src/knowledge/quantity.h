#pragma once
// Memory and CPU quantities as Kubernetes, Docker and the JVM write them.
// One parser for every domain: manifests, `docker inspect`, compose files,
// heap flags and metrics limits.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dd::kb {

// Who wrote the quantity decides what a bare letter means: "512m" is 0.512
// bytes to Kubernetes (milli) and 512 MiB to Docker and the JVM.
enum class QuantityDialect {
  kubernetes,  // 128974848, 129e6, 129M (10^6), 123Mi (2^20), Ki Mi Gi Ti Pi Ei, k M G T P E, m (milli)
  docker,      // --memory / mem_limit: 512m, 1g, 1024k, 100b (binary, any case); also 1.5g
  java,        // -Xmx / -Xms / -Xss: 512m, 2g, 1024k, 1t, or bytes (binary, any case)
};

// Bytes, or nullopt when the text is not a quantity of that dialect.
// Fractions are rounded up to the next byte, as the kubelet rounds.
std::optional<int64_t> parse_memory(std::string_view text, QuantityDialect dialect = QuantityDialect::kubernetes);

// CPU cores: "500m" is 0.5, "1.5" is 1.5, "2" is 2. Docker's --cpus takes the
// same decimal form. nullopt when not a quantity.
std::optional<double> parse_cpu(std::string_view text);

// The shortest exact Kubernetes form of a byte count: 805306368 -> "768Mi",
// 1610612736 -> "1536Mi", 1000 -> "1000". Rounds up to whole Mi when asked.
std::string format_memory(int64_t bytes, bool round_up_to_mi = false);
// Human form for messages: "768 MiB", "1.5 GiB", "512 KiB", "17 B".
std::string human_bytes(int64_t bytes);
// Millicores as Kubernetes writes them: 0.5 -> "500m", 2 -> "2".
std::string format_cpu(double cores);

}  // namespace dd::kb
