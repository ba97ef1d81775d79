#include "rule_test.h"

namespace dd::test {

TEST(ArgSecretInRun, NpmTokenWrittenToNpmrc) {
  auto f = only(lint("FROM node:20-slim\nARG NPM_TOKEN\n"
                     "RUN echo //registry.npmjs.org/:_authToken=$NPM_TOKEN > .npmrc && npm ci\n"),
                "DD2031");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 43);
  EXPECT_NE(f[0].message.find("ARG NPM_TOKEN (line 2) is used by RUN on line 3"), std::string::npos);
  EXPECT_NE(f[0].message.find("stays in the layer"), std::string::npos);
  EXPECT_NE(f[0].fix.find("--mount=type=secret,id=npm_token"), std::string::npos);
}

TEST(ArgSecretInRun, SecretMountIsFine) {
  EXPECT_EQ(count(lint("FROM node:20-slim\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm_token "
                       "NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci\n"),
                  "DD2031"),
            0);
  EXPECT_EQ(count(lint("FROM node:20-slim\nARG NODE_VERSION\nRUN echo $NODE_VERSION\n"), "DD2031"), 0);
}

}  // namespace dd::test
