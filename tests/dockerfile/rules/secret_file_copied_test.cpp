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

// A file that a credential variable of the image points at, whatever its name.
// The one credential-file table (knowledge/credentials.h): what the context
// check knows by name, COPY knows too.
TEST(SecretFileCopied, EveryNameOfTheOneTable) {
  for (const char* src : {".aws/credentials", ".pgpass", "credentials.json", ".docker/config.json", ".git-credentials",
                          "deploy/.kube/config", "prod.tfstate", "keystore.jks", ".netrc", "server-key.pem"})
    EXPECT_EQ(count(lint(std::string("FROM alpine:3.20\nCOPY ") + src + " /app/\n"), "DD2032"), 1) << src;
  for (const char* src : {".yarnrc.yml", "config.json", ".git/config", "credentials.py", "id_rsa.pub", "ca.pem"})
    EXPECT_EQ(count(lint(std::string("FROM alpine:3.20\nCOPY ") + src + " /app/\n"), "DD2032"), 0) << src;
}

TEST(SecretFileCopied, FilePointedAtByACredentialVariable) {
  auto f = only(lint("FROM python:3.12-slim\nWORKDIR /app\nCOPY sa.json ./\n"
                     "ENV GOOGLE_APPLICATION_CREDENTIALS=/app/sa.json\n"
                     "COPY --from=build /out/kube.conf /etc/kube/config\n"
                     "ENV KUBECONFIG=/etc/kube/config:/root/.kube/config DOCKER_CONFIG=/cfg/docker\n"
                     "COPY docker.json /cfg/docker/config.json\n"
                     "ENV AWS_CONFIG_FILE=/etc/aws/config\nUSER 1000\n"),
                "DD2032");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 14);  // the destination
  EXPECT_NE(f[0].message.find("GOOGLE_APPLICATION_CREDENTIALS (line 4)"), std::string::npos) << f[0].message;
  EXPECT_NE(f[1].message.find("KUBECONFIG"), std::string::npos);  // one entry of the list
  EXPECT_NE(f[2].message.find("/cfg/docker/config.json"), std::string::npos);  // DOCKER_CONFIG is a folder
  EXPECT_NE(f[0].fix.find("target=/app/sa.json"), std::string::npos);
  // Nothing copied there, or a path the variable does not name: clean.
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nCOPY app.json /app/\nENV GOOGLE_APPLICATION_CREDENTIALS=/var/run/sa.json\n"),
                  "DD2032"),
            0);
}

// With the build context, a folder copy that carries the file is found too.
TEST(SecretFileCopied, CredentialVariableThroughAFolderCopy) {
  TempDir dir;
  dir.write("src/main.py", "print(1)\n");
  dir.write("keys/gcp.json", "{}\n");
  auto f = only(lint_in(dir, "FROM python:3.12-slim\nCOPY . /app\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/keys/gcp.json\n"),
                "DD2032");
  ASSERT_EQ(f.size(), 1u) << (f.empty() ? "" : f[0].message);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_NE(f[0].message.find("/app/keys/gcp.json"), std::string::npos) << f[0].message;
}

}  // namespace dd::test
