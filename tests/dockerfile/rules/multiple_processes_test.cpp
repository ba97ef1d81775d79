#include "rule_test.h"

namespace dd::test {

TEST(MultipleProcesses, Supervisord) {
  auto f = only(lint("FROM debian:bookworm-slim\nCMD [\"/usr/bin/supervisord\", \"-n\"]\n"), "DD2090");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nENTRYPOINT [\"/init\"]\n"), "DD2090"), 1);
}

TEST(MultipleProcesses, BackgroundAndForeground) {
  auto f = only(lint("FROM php:8.3-fpm\nCMD php-fpm & nginx -g 'daemon off;'\n"), "DD2091");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nCMD service cron start && node server.js\n"), "DD2091"), 1);
  EXPECT_EQ(count(lint("FROM node:20-slim\nCMD [\"node\", \"server.js\"]\n"), "DD2091"), 0);
}

// `a && b` and `a; b` with two servers of the knowledge table: two processes
// in one container, whether the first blocks the second or daemonizes.
TEST(MultipleProcesses, TwoServersJoinedByAndOrSemicolon) {
  auto f = only(lint("FROM debian:bookworm-slim\nCMD nginx && php-fpm8.2 -F\n"), "DD2091");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_EQ(f[0].category, Category::multiple_processes);
  // nginx daemonizes by default: it is left unwatched
  EXPECT_NE(f[0].message.find("nginx goes to the background"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].fix.find("CMD [\"php-fpm8.2\", \"-F\"]"), std::string::npos) << f[0].fix;

  // a foreground server first: the second never starts
  auto g = only(lint("FROM python:3.12-slim\nCMD [\"sh\", \"-c\", \"gunicorn app:app; redis-server\"]\n"), "DD2091");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_NE(g[0].message.find("gunicorn app:app stays in the foreground, so redis-server after it never starts"),
            std::string::npos)
      << g[0].message;
  // entrypoint scripts in the start command, too
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nENTRYPOINT mongod --fork --logpath /dev/stdout && redis-server\n"),
                  "DD2091"),
            1);
}

TEST(MultipleProcesses, OneServerOrAFallbackIsNotTwoProcesses) {
  // a check of the same server, then the server
  EXPECT_EQ(count(lint("FROM nginx:1.27\nCMD nginx -t && nginx -g 'daemon off;'\n"), "DD2091"), 0);
  // a one-shot step, then the server
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nCMD python manage.py migrate && gunicorn app:app\n"), "DD2091"), 0);
  // || runs the second only when the first fails
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nCMD nginx -g 'daemon off;' || apache2ctl -D FOREGROUND\n"), "DD2091"), 0);
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nCMD [\"redis-server\"]\n"), "DD2091"), 0);
}

TEST(MultipleProcesses, TwoServersInTheStartScript) {
  std::string df =
      "# syntax=docker/dockerfile:1\n"
      "FROM debian:bookworm-slim\n"
      "COPY --chmod=755 <<EOF /start.sh\n"
      "#!/bin/sh\n"
      "set -e\n"
      "nginx\n"
      "exec php-fpm8.2 -F\n"
      "EOF\n"
      "CMD [\"/start.sh\"]\n";
  auto f = only(lint(df), "DD2091");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 9);
  EXPECT_NE(f[0].message.find("/start.sh, whose line 3 starts two servers: nginx goes to the background"),
            std::string::npos)
      << f[0].message;
  // one server at the end of the script is the normal case
  std::string one =
      "# syntax=docker/dockerfile:1\n"
      "FROM debian:bookworm-slim\n"
      "COPY --chmod=755 <<EOF /start.sh\n"
      "#!/bin/sh\n"
      "nginx -t\n"
      "exec nginx -g 'daemon off;'\n"
      "EOF\n"
      "CMD [\"/start.sh\"]\n";
  EXPECT_EQ(count(lint(one), "DD2091"), 0);
}

}  // namespace dd::test
