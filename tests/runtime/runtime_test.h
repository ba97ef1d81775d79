#pragma once
// Helpers for runtime diagnosis tests.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "helpers/helpers.h"
#include "runtime/diagnose.h"
#include "runtime/docker_state.h"

namespace dd::test {

inline std::filesystem::path runtime_fixture(const std::string& name) {
  return source_dir() / "tests" / "fixtures" / "runtime" / name;
}

// The findings for a saved inspect + logs pair (tests/fixtures/runtime/NAME.{json,log}).
inline std::vector<Finding> diagnose_fixture(const std::string& name) {
  auto states = runtime::read_inspect_file(runtime_fixture(name + ".json"));
  auto logs = runtime::read_log_file(runtime_fixture(name + ".log"));
  return runtime::diagnose(states.at(0), logs);
}

inline const Finding* find_rule(const std::vector<Finding>& fs, const std::string& rule) {
  for (const auto& f : fs)
    if (f.rule == rule) return &f;
  return nullptr;
}

inline const Finding* find_category(const std::vector<Finding>& fs, Category c) {
  for (const auto& f : fs)
    if (f.category == c) return &f;
  return nullptr;
}

inline std::string dump(const std::vector<Finding>& fs) {
  std::string out;
  for (const auto& f : fs)
    out += f.rule + " [" + std::string(to_string(f.category)) + "] " + f.message + "\n    evidence: " + f.evidence +
           "\n    field: " + f.location.field + "\n";
  return out;
}

inline bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace dd::test
