#include "rule_test.h"

namespace dd::test {

TEST(SecretFileCopied, KeyCopiedThenDeleted) {
  auto f = only(lint("FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\nRUN git clone git@github.com:o/r.git && true\n"
                     "RUN rm /root/.ssh/id_rsa\n"),
                "DD2032");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_NE(f[0].message.find("the RUN rm on line 4 hides it"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].fix.find("--mount=type=ssh"), std::string::npos);
}

TEST(SecretFileCopied, EnvAndNpmrc) {
  EXPECT_EQ(count(lint("FROM node:20-slim\nCOPY .npmrc ./\nCOPY .env ./\n"), "DD2032"), 2);
  EXPECT_EQ(count(lint("FROM node:20-slim\nCOPY .env.example ./\nCOPY ca-cert.pem /etc/ssl/\n"), "DD2032"), 0);
}

}  // namespace dd::test
