#pragma once
// The shared secret rule set: one Hyperscan database compiled once, used by
// lint (ENV/ARG values, context files), image (layer files) and diagnose
// (env values). Matching never returns the raw value to printers: use
// SecretMatch::redacted (dd::redact) in any output.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dd::secrets {

struct SecretMatch {
  std::string rule;         // pattern id, e.g. "aws-access-key-id"
  std::string description;  // human name, e.g. "AWS access key id"
  size_t begin = 0;         // offsets of the secret value in the scanned text
  size_t end = 0;
  std::string value;     // the raw secret: for comparisons only, never print it
  std::string redacted;  // dd::redact(value): safe to print
};

// One value pattern of the rule set (a table row).
struct Pattern {
  std::string_view id;
  std::string_view description;
  std::string_view regex;  // Hyperscan syntax
  bool keyword_assignment = false;  // match is `name = value`; the value follows the separator
  // The vendor's name gates a value of no distinctive shape (TWILIO_AUTH_TOKEN=<32 hex>); a name that
  // says id, digest or address (HEROKU_APP_ID) is left out.
  bool keyword_gated = false;
};
std::span<const Pattern> patterns();

// Every secret found in `text`, in order, overlapping matches merged.
// Placeholders (changeme, ${VAR}, <token>, ...) are left out.
std::vector<SecretMatch> scan_text(std::string_view text);

// `text` with every secret found by scan_text replaced by its redacted form.
// Safe to print. Used by the renderers on everything they show.
std::string mask(std::string_view text);

// True when a variable/key name says it holds a secret (PASSWORD, SECRET,
// TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY, ...) and is not a reference to one
// (DB_PASSWORD_FILE, TOKEN_URL, SECRET_NAME).
bool is_secret_name(std::string_view name);

// Shannon entropy in bits per character.
double entropy(std::string_view s);

// Values that are not secrets even under a secret name: empty, changeme,
// example, xxx, <your-token>, ${VAR}, $VAR, true/false, file paths.
bool is_placeholder(std::string_view value);

// True when `value` assigned to `name` is a real secret: a known token format,
// or any non-placeholder literal under a secret name.
bool looks_secret_value(std::string_view name, std::string_view value);

// The known-format match covering `value`, when there is one.
std::vector<SecretMatch> match_value(std::string_view value);

// user:password@ in a URL (postgres://app:s3cret@db:5432/app). Returns the
// offsets of the password inside `text`, or {npos, npos}.
std::pair<size_t, size_t> url_password(std::string_view text);

}  // namespace dd::secrets
