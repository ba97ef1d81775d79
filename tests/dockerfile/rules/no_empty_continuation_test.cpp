#include "rule_test.h"

namespace dd::test {

TEST(NoEmptyContinuation, FlagsBlankLine) {
  auto f = only(lint("FROM debian:12\nRUN apt-get update && \\\n\n    apt-get install -y curl\n"), "DD1004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 4);  // where the RUN ends, as BuildKit reports it
  EXPECT_EQ(f[0].location.column, 1);
  ASSERT_EQ(f[0].related.size(), 1u);
  EXPECT_EQ(f[0].related[0].location.line, 3);  // the empty line
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("line 3"), std::string::npos) << f[0].message;
}

TEST(NoEmptyContinuation, CommentLineIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN apt-get update && \\\n# comment\n    apt-get install -y curl\n"), "DD1004"), 0); }

TEST(NoEmptyContinuation, HeredocBlankLineIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN <<EOF\necho a\n\necho b\nEOF\n"), "DD1004"), 0); }

}  // namespace dd::test
