#include "rule_test.h"

namespace dd::test {
namespace {

Config schema(std::map<std::string, std::string> labels, bool strict = false) {
  Config c;
  c.label_schema = std::move(labels);
  c.strict_labels = strict;
  return c;
}

// The value is quoted in the LABEL, so spaces stay in it.
std::vector<Finding> label(const std::string& value) {
  return only(lint("FROM alpine:3.20\nARG V\nLABEL the.label=\"" + value + "\"\n", schema({{"the.label", "spdx"}})), "DD1136");
}

TEST(LabelInvalidSpdx, FlagsValuesOfTheWrongForm) {
  for (std::string v : {"Apache 2.0", "GPLv3", "MIT License", "MIT AND", "(MIT", "BSD"}) {
    auto f = label(v);
    ASSERT_EQ(f.size(), 1u) << v;
    EXPECT_EQ(f[0].location.line, 3);
    EXPECT_EQ(f[0].location.column, 17) << v;  // the value
    EXPECT_EQ(f[0].severity, Severity::warning);
    EXPECT_NE(f[0].message.find(v), std::string::npos) << f[0].message;
    EXPECT_FALSE(f[0].fix.empty());
  }
}

TEST(LabelInvalidSpdx, AcceptsValidValuesAndVariables) {
  for (std::string v : {"MIT", "Apache-2.0 OR MIT", "GPL-2.0-only WITH Classpath-exception-2.0", "(MIT OR Apache-2.0) AND BSD-3-Clause", "mit", "GPL-2.0+", "LicenseRef-acme"}) EXPECT_TRUE(label(v).empty()) << v;
  // Other types and labels outside the schema are not this rule's.
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL x=\"Apache 2.0\"\n", schema({{"the.label", "spdx"}})), "DD1136"), 0);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL the.label=\"Apache 2.0\"\n"), "DD1136"), 0);
}

}  // namespace
}  // namespace dd::test
