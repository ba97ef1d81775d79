#include "rule_test.h"

namespace dd::test {

TEST(ApkUnpinned, FlagsUnpinned) {
  auto f = only(lint("FROM alpine:3.20\nRUN apk add --no-cache curl\n"), "DD1109");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 24);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("curl"), std::string::npos) << f[0].message;
}

TEST(ApkUnpinned, PinnedIsClean) { EXPECT_EQ(count(lint("FROM alpine:3.20\nRUN apk add --no-cache curl=8.5.0-r0 --virtual .deps git~2.43\n"), "DD1109"), 0); }

}  // namespace dd::test
