#pragma once
// Helpers for Dockerfile rule tests: lint a Dockerfile text (optionally with
// a real build context on disk) and look at the findings of one rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "context/context.h"
#include "core/config.h"
#include "core/finding.h"
#include "helpers.h"
#include "lint/lint.h"

namespace dd::test {

inline std::vector<Finding> lint(const std::string& dockerfile, const Config& config = {}) {
  return lint::lint_text(dockerfile, "Dockerfile", nullptr, config).findings;
}

// Lints `dockerfile` with the context folder `dir` (files already written).
inline std::vector<Finding> lint_in(const TempDir& dir, const std::string& dockerfile, const Config& config = {}) {
  auto path = dir.write("Dockerfile", dockerfile);
  lint::Options opt;
  opt.context_dir = dir.path();
  return lint::lint_file(path, opt, config).findings;
}

inline std::vector<Finding> only(const std::vector<Finding>& all, const std::string& rule) {
  std::vector<Finding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Finding& f) { return f.rule == rule; });
  return out;
}

inline int count(const std::vector<Finding>& all, const std::string& rule) {
  return static_cast<int>(only(all, rule).size());
}

}  // namespace dd::test
