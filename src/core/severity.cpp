#include "core/severity.h"

namespace dd {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
    case Severity::none: return "none";
  }
  return "info";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "info" || s == "style") return Severity::info;
  if (s == "warning" || s == "warn") return Severity::warning;
  if (s == "error") return Severity::error;
  if (s == "none" || s == "ignore") return Severity::none;  // style, warn, ignore: hadolint's names
  return std::nullopt;
}

}  // namespace dd
