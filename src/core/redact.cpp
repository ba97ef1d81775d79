#include "core/redact.h"

namespace dd {

std::string redact(std::string_view s) {
  const size_t n = s.size();
  if (n == 0) return "";
  // At most a quarter of the value shows, and none of a short one.
  size_t keep = n >= 32 ? 4 : n >= 16 ? 2 : n >= 10 ? 1 : 0;
  std::string out;
  out.reserve(n);
  out.append(s.substr(0, keep));
  out.append(n - 2 * keep, '*');
  out.append(s.substr(n - keep));
  return out;
}

std::string redact_in(std::string_view text, std::string_view secret) {
  if (secret.empty()) return std::string(text);
  const std::string masked = redact(secret);
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t hit = text.find(secret, pos);
    if (hit == std::string_view::npos) break;
    out.append(text.substr(pos, hit - pos));
    out.append(masked);
    pos = hit + secret.size();
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace dd

namespace dd {
namespace {
SecretMasker& masker_slot() {
  static SecretMasker m = nullptr;
  return m;
}
}  // namespace

void set_secret_masker(SecretMasker masker) { masker_slot() = masker; }
bool has_secret_masker() { return masker_slot() != nullptr; }
std::string mask_secrets(std::string_view text) {
  SecretMasker m = masker_slot();
  return m && !text.empty() ? m(text) : std::string(text);
}

}  // namespace dd
