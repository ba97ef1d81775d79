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

namespace dd {

// The secret masker every finding passes through where it is added
// (Report::add): `text` with every secret the shared secret rule set
// recognises replaced by its redacted form. core does not know the rule set;
// src/secrets installs it at start-up (set_secret_masker), and until then
// mask_secrets returns the text unchanged.
using SecretMasker = std::string (*)(std::string_view text);
void set_secret_masker(SecretMasker masker);
bool has_secret_masker();
std::string mask_secrets(std::string_view text);

}  // namespace dd
