// The SPDX ids for labels::spdx_id, generated from Debian's lists at
// configure time (CMakeLists.txt).
#include <algorithm>
#include <array>
#include <string_view>

#include "dockerfile/rules/label_util.h"

namespace dd::dockerfile::labels {
namespace {

constexpr std::string_view kIds[] = {
#include "spdx_ids.inc"
};

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool spdx_id(std::string_view id) {
  return std::any_of(std::begin(kIds), std::end(kIds), [&](std::string_view k) { return iequal(k, id); });
}

}  // namespace dd::dockerfile::labels
