#include "rule_test.h"

namespace dd::test {
namespace {

Config schema(std::map<std::string, std::string> labels, bool strict = false) {
  Config c;
  c.label_schema = std::move(labels);
  c.strict_labels = strict;
  return c;
}

TEST(LabelEmpty, EmptyRequiredLabel) {
  auto c = schema({{"org.opencontainers.image.version", "semver"}});
  auto f = only(lint("FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"\"\n", c), "DD1133");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].severity, Severity::warning);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL other=\"\"\n", c), "DD1133"), 0);  // not in the schema
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0.0\n", c), "DD1133"), 0);
}

}  // namespace
}  // namespace dd::test
