#pragma once
#include <string>
#include <string_view>

namespace dd {

// A redacted form of a secret that still lets a person recognise it:
// AKIAIOSFODNN7EXAMPLE -> AKIA************MPLE. Short values keep less.
std::string redact(std::string_view secret);
// Replaces every occurrence of `secret` in `text` by its redacted form.
std::string redact_in(std::string_view text, std::string_view secret);

}  // namespace dd
