#pragma once
// The package facts of a finding (Finding::properties, keys prop:: of
// core/finding.h): the package or release it is about, its version, the
// version that fixes it or is still supported, and its ecosystem. Empty
// values are left out, so renderers print only what is known. JSON shows them
// under "properties", SARIF in the result's "properties".
#include <string>
#include <string_view>

#include "core/finding.h"

namespace dd {

inline void set_package_facts(Finding& f, std::string_view package, std::string_view version,
                              std::string_view fixed_version = {}, std::string_view ecosystem = {}) {
  auto put = [&f](const char* key, std::string_view v) {
    if (!v.empty()) f.properties[key] = std::string(v);
  };
  put(prop::package, package);
  put(prop::version, version);
  put(prop::fixed_version, fixed_version);
  put(prop::ecosystem, ecosystem);
}

}  // namespace dd
