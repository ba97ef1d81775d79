// DD2012 (start script exits) and DD2013 (start script cannot run): the
// script is read from a real build context on disk or from a COPY heredoc.
#include <filesystem>

#include "rule_test.h"

namespace dd::test {
namespace {

namespace fs = std::filesystem;

void make_executable(const fs::path& p, bool x) {
  fs::permissions(p, x ? fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec : fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace);
}

// A context with `name` = `script` (mode 0755 unless told) and the Dockerfile.
std::vector<Finding> with_script(const std::string& dockerfile, const std::string& name, const std::string& script,
                                 bool executable = true) {
  TempDir dir;
  make_executable(dir.write(name, script), executable);
  dir.write(".dockerignore", ".git\n");
  return lint_in(dir, dockerfile);
}

const char* kApp = "FROM debian:bookworm-slim\nWORKDIR /app\nCOPY . .\nCMD [\"./start.sh\"]\n";

TEST(StartScriptExits, ServiceStartAsLastLine) {
  auto f = only(with_script(kApp, "start.sh", "#!/bin/sh\nset -e\necho starting\nservice nginx start\n"), "DD2012");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].category, Category::exits_immediately);
  EXPECT_EQ(f[0].location.line, 4);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(f[0].evidence, "start.sh:4: service nginx start");
  EXPECT_NE(f[0].message.find("line 4"), std::string::npos) << f[0].message;
}

TEST(StartScriptExits, ForegroundExecIsFine) {
  EXPECT_EQ(count(with_script(kApp, "start.sh", "#!/bin/sh\nexec nginx -g 'daemon off;'\n"), "DD2012"), 0);
  // A docker-entrypoint that hands over to CMD.
  EXPECT_EQ(count(with_script(kApp, "start.sh", "#!/bin/sh\nset -e\nchown app /data\nexec \"$@\"\n"), "DD2012"), 0);
}

TEST(StartScriptExits, TrailingAmpersandUnlessWaited) {
  auto f = only(with_script(kApp, "start.sh", "#!/bin/sh\nnode server.js &\n"), "DD2012");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].fix.find("exec node server.js"), std::string::npos) << f[0].fix;
  EXPECT_EQ(count(with_script(kApp, "start.sh", "#!/bin/sh\nworker &\nnode server.js &\nwait\n"), "DD2012"), 0);
}

TEST(StartScriptExits, ShellFormAndPathLookup) {
  // `sh run.sh` in shell form, relative to WORKDIR.
  auto f = only(with_script("FROM debian:bookworm-slim\nWORKDIR /srv\nCOPY run.sh ./\nCMD sh run.sh\n", "run.sh",
                            "redis-server --daemonize yes\n"),
                "DD2012");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].evidence, "run.sh:1: redis-server --daemonize yes");
  // A bare name found in PATH where the COPY put it.
  EXPECT_EQ(count(with_script("FROM nginx:1.27\nCOPY run.sh /usr/local/bin/\nCMD [\"run.sh\"]\n", "run.sh",
                              "#!/bin/sh\nnginx\n"),
                  "DD2012"),
            1);
}

TEST(StartScriptExits, HeredocScript) {
  auto f = only(lint("FROM redis:7\nCOPY --chmod=755 <<EOF /start.sh\n#!/bin/sh\nredis-server --daemonize yes\nEOF\n"
                     "ENTRYPOINT [\"/start.sh\"]\n"),
                "DD2012");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].evidence, "/start.sh:2: redis-server --daemonize yes");
}

TEST(StartScriptExits, UnknownWhenCopiedFromAnotherStage) {
  EXPECT_EQ(count(with_script("FROM debian:bookworm-slim AS b\nCOPY start.sh /start.sh\nFROM debian:bookworm-slim\n"
                              "COPY --from=b /start.sh /start.sh\nCMD [\"/start.sh\"]\n",
                              "start.sh", "#!/bin/sh\nnginx\n"),
                  "DD2012"),
            0);
}

TEST(StartScriptBroken, WindowsLineEndings) {
  auto f = only(with_script(kApp, "start.sh", "#!/bin/sh\r\nexec node server.js\r\n"), "DD2013");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].category, Category::crash_loop);
  EXPECT_NE(f[0].message.find("CRLF"), std::string::npos);
  EXPECT_EQ(f[0].evidence, "start.sh:1: #!/bin/sh\\r");
  EXPECT_NE(f[0].root_cause.find("sh\\r"), std::string::npos) << f[0].root_cause;
  // Converted in the build.
  EXPECT_EQ(count(with_script("FROM debian:bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN sed -i 's/\\r$//' start.sh\n"
                              "CMD [\"./start.sh\"]\n",
                              "start.sh", "#!/bin/sh\r\nexec node server.js\r\n"),
                  "DD2013"),
            0);
}

TEST(StartScriptBroken, NotExecutable) {
  auto f = only(with_script(kApp, "start.sh", "#!/bin/sh\nexec node server.js\n", false), "DD2013");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("not executable"), std::string::npos);
  EXPECT_NE(f[0].fix.find("--chmod=755"), std::string::npos);
  // Fixed by COPY --chmod, by a later chmod, or by running it through sh.
  EXPECT_EQ(count(with_script("FROM debian:bookworm-slim\nWORKDIR /app\nCOPY --chmod=755 . .\nCMD [\"./start.sh\"]\n",
                              "start.sh", "#!/bin/sh\nexec node server.js\n", false),
                  "DD2013"),
            0);
  EXPECT_EQ(count(with_script("FROM debian:bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN chmod +x start.sh\n"
                              "CMD [\"./start.sh\"]\n",
                              "start.sh", "#!/bin/sh\nexec node server.js\n", false),
                  "DD2013"),
            0);
  EXPECT_EQ(count(with_script("FROM debian:bookworm-slim\nWORKDIR /app\nCOPY . .\nCMD [\"sh\", \"start.sh\"]\n",
                              "start.sh", "#!/bin/sh\nexec node server.js\n", false),
                  "DD2013"),
            0);
}

TEST(StartScriptBroken, HeredocWithoutChmod) {
  auto f = only(lint("FROM debian:bookworm-slim\nCOPY <<EOF /start.sh\n#!/bin/sh\nexec sleep infinity\nEOF\n"
                     "CMD [\"/start.sh\"]\n"),
                "DD2013");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("0644"), std::string::npos) << f[0].message;
}

TEST(StartScriptBroken, NoShebang) {
  auto f = only(with_script(kApp, "start.sh", "exec node server.js\n"), "DD2013");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].root_cause.find("exec format error"), std::string::npos);
  // Through a shell (shell form, or sh -c) a file without #! is read as a script.
  EXPECT_EQ(count(with_script("FROM debian:bookworm-slim\nWORKDIR /app\nCOPY . .\nCMD ./start.sh\n", "start.sh",
                              "exec node server.js\n"),
                  "DD2013"),
            0);
  EXPECT_EQ(count(with_script("FROM debian:bookworm-slim\nWORKDIR /app\nCOPY . .\nCMD [\"sh\", \"-c\", \"./start.sh\"]\n",
                              "start.sh", "exec node server.js\n"),
                  "DD2013"),
            0);
}

TEST(StartScriptBroken, BashOnAlpine) {
  const char* df = "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD [\"./start.sh\"]\n";
  auto f = only(with_script(df, "start.sh", "#!/usr/bin/env bash\nexec node server.js\n"), "DD2013");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].category, Category::missing_dependency);
  EXPECT_NE(f[0].message.find("needs bash"), std::string::npos) << f[0].message;
  EXPECT_EQ(count(with_script("FROM node:20-alpine\nRUN apk add --no-cache bash\nWORKDIR /app\nCOPY . .\n"
                              "CMD [\"./start.sh\"]\n",
                              "start.sh", "#!/usr/bin/env bash\nexec node server.js\n"),
                  "DD2013"),
            0);
  EXPECT_EQ(count(with_script(df, "start.sh", "#!/bin/sh\nexec node server.js\n"), "DD2013"), 0);
}

TEST(StartScript, CleanScriptHasNoFinding) {
  auto all = with_script(kApp, "start.sh", "#!/bin/sh\nset -eu\n./migrate\nexec node server.js\n");
  EXPECT_EQ(count(all, "DD2012"), 0);
  EXPECT_EQ(count(all, "DD2013"), 0);
}

}  // namespace
}  // namespace dd::test
