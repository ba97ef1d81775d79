#include "label_test.h"

namespace dd::test {
namespace {

TEST(LabelMissing, RequiredLabelAbsentFromTheFinalImage) {
  auto c = label_schema({{"org.opencontainers.image.source", "url"}, {"maintainer", "email"}});
  auto f = only(lint("FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\n"
                     "LABEL maintainer=\"a@b.io\"\nCOPY --from=build /app /app\n", c), "DD1131");
  ASSERT_EQ(f.size(), 1u);  // the builder stage, only copied from, needs no labels
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_NE(f[0].message.find("org.opencontainers.image.source"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].fix.find("LABEL org.opencontainers.image.source="), std::string::npos) << f[0].fix;
}

TEST(LabelMissing, LabelsAreInheritedFromTheBaseStage) {
  auto c = label_schema({{"maintainer", "email"}});
  EXPECT_EQ(count(lint("FROM alpine:3.20 AS base\nLABEL maintainer=a@b.io\nFROM base\nCMD [\"sh\"]\n", c), "DD1131"), 0);
  // A second buildable stage (a --target) without the label is reported too.
  auto f = only(lint("FROM alpine:3.20 AS test\nRUN true\nFROM alpine:3.20\nLABEL maintainer=a@b.io\n", c), "DD1131");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 1);
}

TEST(LabelMissing, NothingWithoutASchema) {
  EXPECT_EQ(count(lint("FROM alpine:3.20\nCMD [\"sh\"]\n"), "DD1131"), 0);
}

}  // namespace
}  // namespace dd::test
