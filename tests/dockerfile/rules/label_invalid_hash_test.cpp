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
  return only(lint("FROM alpine:3.20\nARG V\nLABEL the.label=\"" + value + "\"\n", schema({{"the.label", "hash"}})), "DD1137");
}

TEST(LabelInvalidHash, FlagsValuesOfTheWrongForm) {
  for (std::string v : {"main", "abc", "0123456789abcdef0123456789abcdef012345678", "g123456"}) {
    auto f = label(v);
    ASSERT_EQ(f.size(), 1u) << v;
    EXPECT_EQ(f[0].location.line, 3);
    EXPECT_EQ(f[0].location.column, 17) << v;  // the value
    EXPECT_EQ(f[0].severity, Severity::warning);
    EXPECT_NE(f[0].message.find(v), std::string::npos) << f[0].message;
    EXPECT_FALSE(f[0].fix.empty());
  }
}

TEST(LabelInvalidHash, AcceptsValidValuesAndVariables) {
  for (std::string v : {"0123456789abcdef0123456789abcdef01234567", "abc1234", "$REVISION"}) EXPECT_TRUE(label(v).empty()) << v;
  // Other types and labels outside the schema are not this rule's.
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL x=\"main\"\n", schema({{"the.label", "hash"}})), "DD1137"), 0);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL the.label=\"main\"\n"), "DD1137"), 0);
}

}  // namespace
}  // namespace dd::test
