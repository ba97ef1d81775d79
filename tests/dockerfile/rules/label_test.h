#pragma once
// Shared checks for the label-schema rules (DD1131-DD1139).
#include <map>
#include <string>
#include <vector>

#include "rule_test.h"

namespace dd::test {

inline Config label_schema(std::map<std::string, std::string> labels, bool strict = false) {
  Config c;
  c.label_schema = std::move(labels);
  c.strict_labels = strict;
  return c;
}

// A rule that checks the form of one label type: each `bad` value of a label
// of that type is reported at the value, each `good` one (and any value a
// variable fills in) is not, nor a bad value outside the schema.
inline void expect_label_form(const std::string& rule, const std::string& type, const std::vector<std::string>& bad,
                              const std::vector<std::string>& good) {
  const Config c = label_schema({{"the.label", type}});
  // The value is quoted in the LABEL, so spaces stay in it.
  auto label = [&](const std::string& v) {
    return only(lint("FROM alpine:3.20\nARG V\nLABEL the.label=\"" + v + "\"\n", c), rule);
  };
  for (const auto& v : bad) {
    auto f = label(v);
    ASSERT_EQ(f.size(), 1u) << v;
    EXPECT_EQ(f[0].location.line, 3);
    EXPECT_EQ(f[0].location.column, 17) << v;  // the value
    EXPECT_EQ(f[0].severity, Severity::warning);
    EXPECT_NE(f[0].message.find(v), std::string::npos) << f[0].message;
    EXPECT_FALSE(f[0].fix.empty());
  }
  for (const auto& v : good) EXPECT_TRUE(label(v).empty()) << v;
  EXPECT_TRUE(label("$V").empty());
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL x=\"" + bad.front() + "\"\n", c), rule), 0);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL the.label=\"" + bad.front() + "\"\n"), rule), 0);
}

}  // namespace dd::test
