#include "dockerfile/pragma.h"

#include <gtest/gtest.h>

namespace dd::dockerfile {
namespace {

std::vector<std::string> ids(std::string_view comment) {
  auto p = ignore_pragma(comment);
  return p ? p->ids : std::vector<std::string>{"<none>"};
}

TEST(IgnorePragma, ReadsTheIdsAsHadolintDoes) {
  using V = std::vector<std::string>;
  EXPECT_EQ(ids("hadolint ignore=DL3008,DL3009"), (V{"DL3008", "DL3009"}));
  EXPECT_EQ(ids("hadolint ignore = DL3008 , DL3009"), (V{"DL3008", "DL3009"}));
  EXPECT_EQ(ids("drydock ignore=DD2001, JSONArgsRecommended"), (V{"DD2001", "JSONArgsRecommended"}));
  EXPECT_EQ(ids("drydock ignore=DD2001 because the base has no shell"), (V{"DD2001"}));
  EXPECT_EQ(ids("hadolint ignore="), V{});
  EXPECT_FALSE(ignore_pragma("hadolint ignore=DL3008")->global);
  auto g = ignore_pragma("drydock global ignore=DD2040");
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->global);
  EXPECT_EQ(g->ids, V{"DD2040"});
}

TEST(IgnorePragma, OtherCommentsAreNone) {
  for (const char* c : {"hadolint shell=powershell", "install curl", "drydocker ignore=DD1", "hadolint:ignore=DL1",
                        "drydock ignored=DD1", "ignore=DD1", ""})
    EXPECT_FALSE(ignore_pragma(c)) << c;
}

}  // namespace
}  // namespace dd::dockerfile
