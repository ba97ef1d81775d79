#include "rule_test.h"

namespace dd::test {

TEST(InvalidLabelKey, FlagsUppercase) {
  auto f = only(lint("FROM alpine:3.20\nLABEL Version=1\n"), "DD1030");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 7);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("lower-case"), std::string::npos) << f[0].message;
}

TEST(InvalidLabelKey, FlagsReserved) {
  auto f = only(lint("FROM alpine:3.20\nLABEL com.docker.x=1\n"), "DD1030");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 7);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("reserved"), std::string::npos) << f[0].message;
}

TEST(InvalidLabelKey, OciKeysAreClean) { EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://x maintainer=me\n"), "DD1030"), 0); }

}  // namespace dd::test
