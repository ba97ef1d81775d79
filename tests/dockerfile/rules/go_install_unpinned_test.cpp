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

// hugo's Dockerfile: `COPY . ...` then `go install github.com/magefile/mage`
// builds in module mode with the version go.mod requires; @latest, go get
// and a stage without the module stay findings.
TEST(GoInstallUnpinned, InsideTheModuleGoModPins) {
  EXPECT_EQ(count(lint("FROM golang:1.22-alpine\nWORKDIR /src\nCOPY . /src/\nRUN go install github.com/magefile/mage\n"),
                  "DD1125"),
            0);
  EXPECT_EQ(count(lint("FROM golang:1.22 AS mod\nCOPY go.mod go.sum ./\nFROM mod\nRUN go install example.com/x/cmd/y\n"),
                  "DD1125"),
            0);
  EXPECT_EQ(count(lint("FROM golang:1.22\nCOPY . .\nRUN go install example.com/x@latest\n"), "DD1125"), 1);
  EXPECT_EQ(count(lint("FROM golang:1.22\nCOPY . .\nRUN go get example.com/x\n"), "DD1125"), 1);
  EXPECT_EQ(count(lint("FROM golang:1.22\nRUN go install example.com/x\nCOPY . .\n"), "DD1125"), 1);
  EXPECT_EQ(count(lint("FROM golang:1.22 AS a\nCOPY . .\nFROM golang:1.22\nCOPY --from=a /x /x\nRUN go install example.com/x\n"),
                  "DD1125"),
            1);
}

}  // namespace dd::test

