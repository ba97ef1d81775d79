#include "rule_test.h"

namespace dd::test {

TEST(GoInstallUnpinned, FlagsLatest) {
  auto f = only(lint("FROM golang:1.22\nRUN go install golang.org/x/tools/cmd/goimports@latest\n"), "DD1125");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 16);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("goimports"), std::string::npos) << f[0].message;
}

TEST(GoInstallUnpinned, FlagsMissingVersion) {
  auto f = only(lint("FROM golang:1.22\nRUN go install github.com/a/b/cmd/tool\n"), "DD1125");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 16);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("tool"), std::string::npos) << f[0].message;
}

TEST(GoInstallUnpinned, PinnedIsClean) { EXPECT_EQ(count(lint("FROM golang:1.22\nRUN go install golang.org/x/tools/cmd/goimports@v0.21.0\n"), "DD1125"), 0); }

TEST(GoInstallUnpinned, LocalPackagesAreClean) { EXPECT_EQ(count(lint("FROM golang:1.22\nRUN go install ./... && go install .\n"), "DD1125"), 0); }

}  // namespace dd::test
