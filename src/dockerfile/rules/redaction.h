#pragma once
// Masking of a value a rule shows itself. Findings as a whole are redacted
// once, where they are added (Report::add).
#include <string>
#include "core/finding.h"
#include "core/redact.h"
#include "secrets/secrets.h"
#include <string_view>

namespace dd::dockerfile::inc {

// Replaces every secret-looking value in `text` by its redacted form.
inline std::string safe(std::string_view text) { return secrets::mask(text); }

}  // namespace dd::dockerfile::inc
