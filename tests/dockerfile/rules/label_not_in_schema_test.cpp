#include "label_test.h"

namespace dd::test {
namespace {

TEST(LabelNotInSchema, StrictLabelsReportOthers) {
  auto c = label_schema({{"maintainer", "email"}}, true);
  auto f = only(lint("FROM alpine:3.20\nLABEL maintainer=a@b.io internal.host=ci-7\n", c), "DD1132");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 25);
  EXPECT_NE(f[0].message.find("internal.host"), std::string::npos) << f[0].message;
}

TEST(LabelNotInSchema, OffUnlessStrict) {
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL internal.host=ci-7\n", label_schema({{"maintainer", "email"}})), "DD1132"), 0);
  // Strict with no schema: every label is superfluous, as in hadolint.
  EXPECT_EQ(count(lint("FROM alpine:3.20\nLABEL a=1 b=2\n", label_schema({}, true)), "DD1132"), 2);
}

}  // namespace
}  // namespace dd::test
