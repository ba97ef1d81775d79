#include "rule_test.h"

namespace dd::test {

TEST(UpdateAlone, FlagsUpdateInItsOwnRun) {
  auto f = only(lint("FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y curl\n"), "DD2002");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_NE(f[0].message.find("install on line 3"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].category, Category::slow_build);
}

TEST(UpdateAlone, SilentWhenCombined) {
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n"), "DD2002"), 0);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nRUN apk update\nRUN echo done\n"), "DD2002"), 0);
}

}  // namespace dd::test
