#include "rule_test.h"

namespace dd::test {

TEST(CredentialsWrittenByRun, FlagsLoginsWhoseFileShips) {
  auto f = only(lint("FROM python:3.12-slim\n"
                     "RUN --mount=type=secret,id=aws aws configure set aws_secret_access_key \"$(cat /run/secrets/aws)\"\n"
                     "RUN docker login -u me --password-stdin registry.example.com < /run/secrets/pw\n"
                     "RUN gcloud auth activate-service-account --key-file=/tmp/k.json\n"
                     "RUN npm config set //registry.npmjs.org/:_authToken=$NPM_TOKEN\n"
                     "RUN huggingface-cli login --token $HF\n"
                     "RUN az login --service-principal -u id -p $PW --tenant t\n"
                     "USER 1000\n"),
                "DD2034");
  ASSERT_EQ(f.size(), 6u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 32);  // the aws command, after the mount flag
  EXPECT_NE(f[0].message.find("~/.aws/credentials"), std::string::npos) << f[0].message;
  EXPECT_NE(f[1].message.find("~/.docker/config.json"), std::string::npos);
  EXPECT_NE(f[2].message.find("gcloud"), std::string::npos);
  EXPECT_NE(f[3].message.find("~/.npmrc"), std::string::npos);
  EXPECT_NE(f[4].message.find("huggingface"), std::string::npos);
  EXPECT_NE(f[5].message.find("~/.azure"), std::string::npos);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_EQ(f[0].category, Category::secret_leak);
  EXPECT_NE(f[1].fix.find("--mount=type=secret"), std::string::npos);
  EXPECT_FALSE(f[0].root_cause.empty());
}

TEST(CredentialsWrittenByRun, CleanWhenUndoneInTheSameRunOrNotShipped) {
  EXPECT_EQ(count(lint("FROM alpine:3.20\n"
                       "RUN docker login -u me -p x r.example.com && docker pull r.example.com/a && docker logout r.example.com\n"
                       "RUN gcloud auth login --cred-file=/k && gsutil cp gs://b/x /x && rm -rf /root/.config/gcloud\n"
                       "RUN aws configure set region eu-west-1 && npm config set registry https://registry.npmjs.org/\n"
                       "RUN az login --identity\n"),
                  "DD2034"),
            0);
  // A builder stage's layers do not ship.
  EXPECT_EQ(count(lint("FROM node:20 AS build\nRUN npm login\nFROM node:20-slim\nCOPY --from=build /app /app\n"),
                  "DD2034"),
            0);
}

}  // namespace dd::test
