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
  return only(lint("FROM alpine:3.20\nARG V\nLABEL the.label=\"" + value + "\"\n", schema({{"the.label", "url"}})), "DD1134");
}

TEST(LabelInvalidUrl, FlagsValuesOfTheWrongForm) {
  for (std::string v : {"github.com/acme/app", "https:///x", "http://", "not a url"}) {
    auto f = label(v);
    ASSERT_EQ(f.size(), 1u) << v;
    EXPECT_EQ(f[0].location.line, 3);
    EXPECT_EQ(f[0].location.column, 17) << v;  // the value
    EXPECT_EQ(f[0].severity, Severity::warning);
    EXPECT_NE(f[0].message.find(v), std::string::npos) << f[0].message;
    EXPECT_FALSE(f[0].fix.empty());
  }
}

TEST(LabelInvalidUrl, AcceptsValidValuesAndVariables) {
  for (std::string v : {"https://github.com/acme/app", "git://example.com/r.git", "urn:isbn:0451450523", "ssh://git@host/repo", "$SOURCE_URL"}) EXPECT_TRUE(label(v).empty()) << v;
  // Other types and labels outside the schema are not this rule's.
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL x=\"github.com/acme/app\"\n", schema({{"the.label", "url"}})), "DD1134"), 0);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL the.label=\"github.com/acme/app\"\n"), "DD1134"), 0);
}

}  // namespace
}  // namespace dd::test
