#include "rule_test.h"

namespace dd::test {

TEST(InvalidDefaultArgInFrom, FlagsEmptyTag) {
  auto f = only(lint("ARG TAG\nFROM alpine:${TAG}\n"), "DD1014");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("TAG"), std::string::npos) << f[0].message;
}

TEST(InvalidDefaultArgInFrom, DefaultIsClean) { EXPECT_EQ(count(lint("ARG TAG=3.20\nFROM alpine:${TAG}\n"), "DD1014"), 0); }

TEST(InvalidDefaultArgInFrom, ImageArgIsClean) { EXPECT_EQ(count(lint("ARG IMAGE=alpine:3.20\nFROM ${IMAGE}\n"), "DD1014"), 0); }

}  // namespace dd::test

namespace dd::test {

// moby's Dockerfile: a global ARG default built from earlier ARGs is expanded
// as BuildKit expands it, so the FROM is valid.
TEST(InvalidDefaultArgInFrom, DefaultMadeOfEarlierArgsIsClean) {
  EXPECT_EQ(count(lint("ARG GO_VERSION=1.19.7\nARG BASE_DEBIAN_DISTRO=\"bullseye\"\n"
                       "ARG GOLANG_IMAGE=\"golang:${GO_VERSION}-${BASE_DEBIAN_DISTRO}\"\nFROM ${GOLANG_IMAGE} AS base\n"),
                  "DD1014"),
            0);
  // and one built from an empty ARG is still reported
  EXPECT_EQ(count(lint("ARG GO_VERSION\nARG IMAGE=\"golang:${GO_VERSION}\"\nFROM ${IMAGE}\n"), "DD1014"), 1);
}

}  // namespace dd::test
