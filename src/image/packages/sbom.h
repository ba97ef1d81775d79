#pragma once
// The package inventory as an SBOM: CycloneDX 1.5 JSON and SPDX 2.3 JSON.
#include <nlohmann/json.hpp>
#include <vector>

#include "image/analyzer.h"
#include "image/model.h"

namespace dd::image::packages {

// `packages` as the inventory analyzers report them. Deterministic apart from
// the timestamp and serial/namespace, which derive from the image id.
nlohmann::ordered_json cyclonedx(const ImageModel& model, const std::vector<::dd::image::Package>& packages,
                                 const std::string& timestamp);
nlohmann::ordered_json spdx(const ImageModel& model, const std::vector<::dd::image::Package>& packages,
                            const std::string& timestamp);

// Runs the inventory over SOURCE (the walk with the packages and binaries
// analyzers) and returns its packages, sorted by purl. Throws InputError.
std::vector<::dd::image::Package> inventory(const std::string& source, const Options& opt, ImageModel* model_out);

}  // namespace dd::image::packages
