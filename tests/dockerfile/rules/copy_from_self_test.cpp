#include "rule_test.h"

namespace dd::test {

TEST(CopyFromSelf, FlagsSelf) {
  auto f = only(lint("FROM alpine:3.20 AS app\nCOPY --from=app /x /y\n"), "DD1024");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("app"), std::string::npos) << f[0].message;
}

TEST(CopyFromSelf, OtherStageIsClean) { EXPECT_EQ(count(lint("FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nCOPY --from=a /x /y\n"), "DD1024"), 0); }

}  // namespace dd::test
