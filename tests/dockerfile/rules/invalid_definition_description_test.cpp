#include "rule_test.h"

namespace dd::test {

TEST(InvalidDefinitionDescription, FlagsUnrelatedComment) {
  // Experimental in BuildKit: enabled by the check directive.
  auto f = only(lint("# check=experimental=InvalidDefinitionDescription\n\n# a non-descriptive comment\nFROM scratch AS base\n"), "DD1017");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 4);  // the FROM, as BuildKit reports it
  EXPECT_EQ(f[0].location.column, 1);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("base"), std::string::npos) << f[0].message;
}

TEST(InvalidDefinitionDescription, DescriptionIsClean) { EXPECT_EQ(count(lint("# check=experimental=all\n\n# base is the shared root\nFROM scratch AS base\n# VERSION controls the release\nARG VERSION=1\n"), "DD1017"), 0); }

TEST(InvalidDefinitionDescription, BlankLineIsClean) { EXPECT_EQ(count(lint("# check=experimental=all\n\n# unrelated\n\nFROM scratch AS base\n"), "DD1017"), 0); }

}  // namespace dd::test
