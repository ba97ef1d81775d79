#pragma once
#include <string>
#include <vector>

#include "metrics/analyze.h"

namespace dd::metrics {

// An SVG document: one panel per container (memory, and CPU use when
// present) with the series, the fitted trend, the limit and the predicted
// crossing, time and byte/core axes, a legend and a title.
std::string svg(const std::vector<Container>& cs, const std::string& title, size_t max_containers = 8);

}  // namespace dd::metrics
