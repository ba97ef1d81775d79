#include "rule_test.h"

namespace dd::test {

TEST(StageNameCasing, FlagsUppercaseName) {
  auto f = only(lint("FROM golang:1.22 AS Builder\nFROM alpine:3.20\nCOPY --from=builder /x /x\n"), "DD1002");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_EQ(f[0].location.column, 21);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("Builder"), std::string::npos) << f[0].message;
}

TEST(StageNameCasing, LowercaseIsClean) { EXPECT_EQ(count(lint("FROM golang:1.22 AS builder\n"), "DD1002"), 0); }

}  // namespace dd::test
