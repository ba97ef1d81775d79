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
  return only(lint("FROM alpine:3.20\nARG V\nLABEL the.label=\"" + value + "\"\n", schema({{"the.label", "semver"}})), "DD1138");
}

TEST(LabelInvalidSemver, FlagsValuesOfTheWrongForm) {
  for (std::string v : {"v1.2.3", "1.2", "01.2.3", "1.2.3-01", "1.2.3+", "latest"}) {
    auto f = label(v);
    ASSERT_EQ(f.size(), 1u) << v;
    EXPECT_EQ(f[0].location.line, 3);
    EXPECT_EQ(f[0].location.column, 17) << v;  // the value
    EXPECT_EQ(f[0].severity, Severity::warning);
    EXPECT_NE(f[0].message.find(v), std::string::npos) << f[0].message;
    EXPECT_FALSE(f[0].fix.empty());
  }
}

TEST(LabelInvalidSemver, AcceptsValidValuesAndVariables) {
  for (std::string v : {"1.2.3", "0.0.1-alpha.1", "1.0.0-rc.1+build.5", "10.20.30", "1.0.0-0A.is.legal"}) EXPECT_TRUE(label(v).empty()) << v;
  // Other types and labels outside the schema are not this rule's.
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL x=\"v1.2.3\"\n", schema({{"the.label", "semver"}})), "DD1138"), 0);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL the.label=\"v1.2.3\"\n"), "DD1138"), 0);
}

}  // namespace
}  // namespace dd::test
