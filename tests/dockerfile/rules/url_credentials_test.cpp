#include "rule_test.h"

namespace dd::test {

TEST(UrlCredentials, PasswordInConnectionString) {
  auto f = only(lint("FROM python:3.12-slim\nENV DATABASE_URL=postgres://app:s3cretPass@db:5432/app\n"), "DD2033");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 18);
  EXPECT_EQ(f[0].evidence, "ENV DATABASE_URL=postgres://app:s********s@db:5432/app");
  EXPECT_EQ(f[0].message.find("s3cretPass"), std::string::npos);
}

TEST(UrlCredentials, NoPasswordOrVariableIsFine) {
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nENV DATABASE_URL=postgres://app@db:5432/app\n"
                       "ENV REDIS_URL=redis://:${REDIS_PASSWORD}@cache:6379\n"),
                  "DD2033"),
            0);
}

}  // namespace dd::test
