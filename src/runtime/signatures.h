#pragma once
// The log-signature knowledge base: one table row per known failure line
// (signatures.cpp), matched by one Hyperscan database compiled once
// (matcher.cpp). Table order is priority: when a line matches several rows,
// the first row wins.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/category.h"

namespace dd::runtime {

struct Signature {
  const char* id;       // node-eacces
  const char* rule;     // the DD51xx rule its findings carry
  Category category;
  const char* pattern;  // regex in the subset Hyperscan and std::regex share; group 1 is the subject
  bool caseless;
  const char* title;       // names the failure
  const char* root_cause;  // one sentence; {1} is replaced by the subject
  const char* fix;         // pasteable; {1} is replaced by the subject
  const char* tags;        // comma-separated
  const char* sample;      // a real log line that must match this row first
};

std::span<const Signature> signatures();

struct SignatureHit {
  const Signature* sig = nullptr;
  std::string subject;  // group 1 (or 2), quotes trimmed; may be empty
};

// Matches one line against the whole table; the first row (table order)
// that matches wins. Lines longer than 4 KiB are cut before matching.
std::optional<SignatureHit> match_line(std::string_view line);

// Replaces {1} by `subject`.
std::string fill(std::string_view templ, const std::string& subject);

}  // namespace dd::runtime
