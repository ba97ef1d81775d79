#include "fake_image_store.h"
#include "rule_test.h"

namespace dd::test {
namespace {

std::shared_ptr<FakeImageStore> store() {
  auto s = std::make_shared<FakeImageStore>();
  auto& py = s->images["python:3.12-slim"];
  py.image = {"sha256:aaaa", {"linux", "amd64", ""}, "", {"PATH=/usr/local/bin:/usr/bin:/bin"}};
  py.files = {{"/usr/local/bin/python", ""}, {"/bin/sh", ""}, {"/usr/bin/env", ""}};
  auto& st = s->images["static:1"];  // distroless-like: no shell
  st.image = {"sha256:bbbb", {"linux", "amd64", ""}, "", {}};
  return s;
}

TEST(StartProgramMissing, ProgramInAFolderOffThePathIsAnError) {
  const Config cfg = with_store(store());
  const char* df =
      "FROM python:3.12-slim AS build\n"
      "RUN python -m venv /venv && /venv/bin/pip install gunicorn\n"
      "FROM python:3.12-slim\n"
      "COPY --from=build /venv /venv\n"
      "COPY . /app\n"
      "RUN useradd app && mkdir -p /data && chown app /data\n"
      "USER app\n"
      "CMD [\"gunicorn\", \"app:app\"]\n";
  auto f = only(lint(df, cfg), "DD2014");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].category, Category::exits_immediately);
  EXPECT_EQ(f[0].location.line, 8);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_NE(f[0].message.find("starts gunicorn, which is not on the PATH of python:3.12-slim"), std::string::npos)
      << f[0].message;
  EXPECT_NE(f[0].root_cause.find("executable file not found in $PATH"), std::string::npos);
  EXPECT_NE(f[0].fix.find("ENV PATH=\"/venv/bin:$PATH\""), std::string::npos) << f[0].fix;
  // Off without the local store: nothing is known of the base.
  EXPECT_EQ(count(lint(df), "DD2014"), 0);
}

TEST(StartProgramMissing, WhatTheDockerfileProvidesOrCannotBeKnownIsClean) {
  const Config cfg = with_store(store());
  for (const char* df : {
           // In the base.
           "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
           "FROM python:3.12-slim\nCMD python app.py\n",
           // Copied onto the PATH, or to the path named.
           "FROM python:3.12-slim\nCOPY --from=build /venv/bin/gunicorn /usr/local/bin/\nCMD [\"gunicorn\"]\n",
           "FROM python:3.12-slim\nCOPY --from=build /out/server /server\nCMD [\"/server\"]\n",
           "FROM python:3.12-slim\nWORKDIR /app\nCOPY server .\nCMD [\"./server\"]\n",
           // A RUN that may install it, a PATH the Dockerfile changes, variables.
           "FROM python:3.12-slim\nRUN pip install gunicorn\nCMD [\"gunicorn\"]\n",
           "FROM python:3.12-slim\nRUN apt-get install -y nginx\nCMD [\"nginx\"]\n",
           "FROM python:3.12-slim\nCOPY --from=build /venv /venv\nENV PATH=/venv/bin:$PATH\nCMD [\"gunicorn\"]\n",
           "FROM python:3.12-slim\nCMD [\"$APP\"]\n",
           // A shell builtin, the base's own start command, a base not held.
           "FROM python:3.12-slim\nCMD exec python app.py\n",
           "FROM python:3.12-slim\nUSER nobody\n",
           "FROM node:22-slim\nCMD [\"gunicorn\"]\n",
       })
    EXPECT_EQ(count(lint(df, cfg), "DD2014"), 0) << df;
}

TEST(StartProgramMissing, HarmlessRunsStillLetItDecide) {
  const Config cfg = with_store(store());
  // Certificates and users bring no program; a path the base lacks is an error too.
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y ca-certificates tzdata\n"
                       "CMD [\"gunicorn\"]\n",
                       cfg),
                  "DD2014"),
            1);
  EXPECT_EQ(count(lint("FROM static:1\nCOPY --from=build /out/app /app/server\nENTRYPOINT [\"/app/srv\"]\n", cfg),
                  "DD2014"),
            1);
  // A relative path is looked up in the base's WORKDIR when the Dockerfile sets none.
  auto s = store();
  auto& app = s->images["corp/app:1"];
  app.image.id = "sha256:cccc";
  app.image.workdir = "/srv";
  app.files = {{"/srv/server", ""}};
  const Config with_app = with_store(s);
  EXPECT_EQ(count(lint("FROM corp/app:1\nCMD [\"./server\"]\n", with_app), "DD2014"), 0);
  auto f = only(lint("FROM corp/app:1\nCMD [\"./serve\"]\n", with_app), "DD2014");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].root_cause.find("/srv/serve"), std::string::npos) << f[0].root_cause;
  // A RUN that writes a file on the PATH may have made the program.
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nRUN echo 'exec python' > /usr/local/bin/gunicorn\nCMD [\"gunicorn\"]\n",
                       cfg),
                  "DD2014"),
            0);
}

}  // namespace
}  // namespace dd::test
