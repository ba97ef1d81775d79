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
  return only(lint("FROM alpine:3.20\nARG V\nLABEL the.label=\"" + value + "\"\n", schema({{"the.label", "rfc3339"}})), "DD1135");
}

TEST(LabelInvalidTime, FlagsValuesOfTheWrongForm) {
  for (std::string v : {"2024-05-01 12:00", "2024-05-01", "2024-13-01T00:00:00Z", "2024-05-01T12:00:00", "today", "2024-05-01T25:00:00Z"}) {
    auto f = label(v);
    ASSERT_EQ(f.size(), 1u) << v;
    EXPECT_EQ(f[0].location.line, 3);
    EXPECT_EQ(f[0].location.column, 17) << v;  // the value
    EXPECT_EQ(f[0].severity, Severity::warning);
    EXPECT_NE(f[0].message.find(v), std::string::npos) << f[0].message;
    EXPECT_FALSE(f[0].fix.empty());
  }
}

TEST(LabelInvalidTime, AcceptsValidValuesAndVariables) {
  for (std::string v : {"2024-05-01T12:00:00Z", "2024-05-01T12:00:00.123456+02:00", "2024-05-01t12:00:00z", "${CREATED}"}) EXPECT_TRUE(label(v).empty()) << v;
  // Other types and labels outside the schema are not this rule's.
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL x=\"2024-05-01 12:00\"\n", schema({{"the.label", "rfc3339"}})), "DD1135"), 0);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL the.label=\"2024-05-01 12:00\"\n"), "DD1135"), 0);
}

}  // namespace
}  // namespace dd::test
