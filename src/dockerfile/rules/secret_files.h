#pragma once
// Names of files that hold credentials (shared by DD2026 and DD2032): the
// knowledge layer's one table (knowledge/credentials.h).
#include <string_view>

#include "knowledge/credentials.h"

namespace dd::dockerfile::inc {

inline bool is_secret_file(std::string_view path) { return dd::kb::is_secret_file_name(path); }

}  // namespace dd::dockerfile::inc
