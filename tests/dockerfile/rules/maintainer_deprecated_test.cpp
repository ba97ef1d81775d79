#include "rule_test.h"

namespace dd::test {

TEST(MaintainerDeprecated, FlagsMaintainerAtItsLine) {
  auto f = only(lint("FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\n"), "DD1001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_EQ(f[0].severity, Severity::info);
  EXPECT_NE(f[0].fix.find("org.opencontainers.image.authors"), std::string::npos);
}

TEST(MaintainerDeprecated, SilentWithLabel) {
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL org.opencontainers.image.authors=jane\n"), "DD1001"), 0);
}

TEST(MaintainerDeprecated, HadolintPragmaSuppresses) {
  EXPECT_EQ(count(lint("FROM alpine:3.20\n# hadolint ignore=DL4000\nMAINTAINER Jane\n"), "DD1001"), 0);
}

}  // namespace dd::test
