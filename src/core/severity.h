#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace dd {

// Ordered: a higher value is more severe. `none` exists only as a --fail-on
// threshold that nothing reaches.
enum class Severity { info = 0, warning = 1, error = 2, none = 3 };

std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

}  // namespace dd
