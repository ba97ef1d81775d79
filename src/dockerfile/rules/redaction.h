#pragma once
// Redaction of any text a finding carries (the shared secret rule set).
#include <string>
#include "core/finding.h"
#include "core/redact.h"
#include "secrets/secrets.h"
#include <string_view>

namespace dd::dockerfile::util {

// Replaces every secret that the shared rule set finds in `text` by its
// redacted form.
inline std::string scrub_text(std::string text) {
  if (text.empty()) return text;
  auto found = secrets::scan_text(text);
  for (auto it = found.rbegin(); it != found.rend(); ++it)
    if (it->begin <= it->end && it->end <= text.size()) text.replace(it->begin, it->end - it->begin, it->redacted);
  return text;
}

// A finding with any secret in its message, evidence or fix redacted.
inline Finding scrub(Finding f) {
  f.message = scrub_text(std::move(f.message));
  f.evidence = scrub_text(std::move(f.evidence));
  f.fix = scrub_text(std::move(f.fix));
  return f;
}

}  // namespace dd::dockerfile::util

namespace dd::dockerfile::inc {

// Replaces every secret-looking value in `text` by its redacted form.
inline std::string safe(std::string_view text) { return secrets::mask(text); }

}  // namespace dd::dockerfile::inc
