#include "image/analyzer.h"

namespace dd::image {

std::vector<AnalyzerInfo>& analyzers() {
  static std::vector<AnalyzerInfo> list;
  return list;
}

}  // namespace dd::image
