#include "label_test.h"

namespace dd::test {
namespace {

TEST(LabelEmpty, EmptyRequiredLabel) {
  auto c = label_schema({{"org.opencontainers.image.version", "semver"}});
  auto f = only(lint("FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"\"\n", c), "DD1133");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].severity, Severity::warning);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL other=\"\"\n", c), "DD1133"), 0);  // not in the schema
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0.0\n", c), "DD1133"), 0);
}

}  // namespace
}  // namespace dd::test
