#pragma once
// Base64 decoding for the API payloads that carry it (Kubernetes Secret
// `data`, the engine's X-Docker-Container-Path-Stat header). Standard and
// URL-safe alphabets; padding and whitespace are skipped.
#include <string>
#include <string_view>

namespace dd {

std::string base64_decode(std::string_view in);

}  // namespace dd
