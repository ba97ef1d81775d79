#include "core/glob.h"

#include <fnmatch.h>

#include <string>

namespace dd {

// Placeholder until the patternmatcher-compatible matcher lands in this file.
bool glob_match(std::string_view pattern, std::string_view path) {
  std::string p(pattern), s(path);
  return fnmatch(p.c_str(), s.c_str(), FNM_PATHNAME) == 0;
}

}  // namespace dd
