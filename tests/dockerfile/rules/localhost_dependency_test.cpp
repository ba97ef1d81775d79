#include "rule_test.h"

namespace dd::test {

TEST(LocalhostDependency, DatabaseOnLocalhost) {
  auto f = only(lint("FROM node:20-slim\nENV DB_HOST=localhost\n"), "DD2060");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 13);
  EXPECT_EQ(f[0].category, Category::network_unreachable);
  EXPECT_NE(f[0].fix.find("DB_HOST=db"), std::string::npos) << f[0].fix;
}

TEST(LocalhostDependency, UrlsAreRedacted) {
  auto f = only(lint("FROM node:20-slim\nENV DATABASE_URL=postgres://app:s3cretPass@localhost:5432/app\n"
                     "ENV REDIS_URL=redis://127.0.0.1:6379\n"),
                "DD2060");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].message.find("s3cretPass"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].evidence.find("s3cretPass"), std::string::npos);
  EXPECT_EQ(f[0].fix.find("s3cretPass"), std::string::npos);
}

TEST(LocalhostDependency, ListenAddresses) {
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV HOST=0.0.0.0 PUBLIC_URL=http://localhost:3000 NO_PROXY=localhost\n"),
                  "DD2060"),
            0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nENV HOST=127.0.0.1\n"), "DD2060"), 1);
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nENV FLASK_RUN_HOST=0.0.0.0\n"), "DD2060"), 0);
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nENV REDIS_HOST=0.0.0.0\n"), "DD2060"), 1);
}

}  // namespace dd::test
