#pragma once
// Ids of the image rules (DD4xxx) registered in rules.cpp, and helpers the
// analyzers share for findings.
#include <cstdint>
#include <string>

#include "core/finding.h"
#include "image/model.h"

namespace dd::image {

// 40xx: integrity of the archive and its layers.
inline constexpr const char* kDigestMismatch = "DD4001";
inline constexpr const char* kLayerUnreadable = "DD4002";
inline constexpr const char* kUnsafeEntry = "DD4003";
// 44xx: size and waste (41xx are the binaries checks of image-inv).
inline constexpr const char* kWasted = "DD4401";
inline constexpr const char* kCache = "DD4402";
inline constexpr const char* kBuildTools = "DD4403";
// 42xx: secrets.
inline constexpr const char* kSecretFile = "DD4201";
inline constexpr const char* kSecretConfig = "DD4202";
// 43xx: config.
inline constexpr const char* kRoot = "DD4301";
inline constexpr const char* kNoHealthcheck = "DD4302";
inline constexpr const char* kDaemonizes = "DD4303";
inline constexpr const char* kStale = "DD4304";
inline constexpr const char* kEolBase = "DD4305";

// A finding located in the image (and a layer of it when layer >= 0).
Finding image_finding(const ImageModel& m, const char* rule, int layer = -1, std::string path = "");
// "212 MB", "48.3 kB" (SI, as docker prints).
std::string human_bytes(uint64_t n);
// A layer's short name for messages: "layer 3 (RUN apt-get install ...)",
// with the Dockerfile line when --dockerfile matched it.
std::string layer_label(const ImageModel& m, int layer);
// The command of a history entry without the /bin/sh -c #(nop) noise.
std::string short_command(const std::string& created_by, size_t max = 70);

}  // namespace dd::image
