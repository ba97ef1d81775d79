#include "lint/fix.h"
#include "rule_test.h"

namespace dd::test {

TEST(DaemonizingCommand, ServiceStart) {
  auto f = only(lint("FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y nginx\nEXPOSE 80\n"
                     "CMD service nginx start\n"),
                "DD2010");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 4);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_EQ(f[0].category, Category::exits_immediately);
}

TEST(DaemonizingCommand, NginxWithoutDaemonOffGetsExecFormFix) {
  std::string df = "FROM ubuntu:24.04\nCMD nginx\n";
  auto res = lint::lint_text(df, "Dockerfile", nullptr, {});
  auto f = only(res.findings, "DD2010");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].fix, "CMD [\"nginx\", \"-g\", \"daemon off;\"]");
  EXPECT_EQ(lint::apply_edits(df, res.edits), "FROM ubuntu:24.04\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n");
}

TEST(DaemonizingCommand, EachDaemonForm) {
  for (const char* cmd : {"CMD [\"apachectl\", \"start\"]", "CMD [\"httpd\"]", "CMD php-fpm8.2",
                          "CMD redis-server --daemonize yes", "CMD pg_ctl start -D /data", "CMD node server.js &",
                          "CMD nohup python app.py &", "CMD [\"gunicorn\", \"--daemon\", \"app:app\"]",
                          "CMD /etc/init.d/mysql start", "CMD [\"sh\", \"-c\", \"/usr/sbin/sshd\"]",
                          "CMD httpd -f /etc/httpd.conf"}) {
    EXPECT_EQ(count(lint(std::string("FROM debian:bookworm-slim\n") + cmd + "\n"), "DD2010"), 1) << cmd;
  }
}

TEST(DaemonizingCommand, ForegroundFormsAreFine) {
  for (const char* cmd : {"CMD [\"nginx\", \"-g\", \"daemon off;\"]", "CMD [\"httpd\", \"-DFOREGROUND\"]",
                          "CMD [\"php-fpm\", \"-F\"]", "CMD redis-server --daemonize no", "CMD [\"node\", \"server.js\"]",
                          "CMD service nginx start && tail -f /var/log/nginx/access.log",
                          "CMD [\"myserver\", \"--daemon=false\"]", "CMD [\"httpd\", \"-f\", \"-p\", \"8080\"]",
                          "CMD httpd -f"}) {
    EXPECT_EQ(count(lint(std::string("FROM debian:bookworm-slim\n") + cmd + "\n"), "DD2010"), 0) << cmd;
  }
}

TEST(DaemonizingCommand, OfficialPhpFpmImageRunsInForeground) {
  EXPECT_EQ(count(lint("FROM php:8.3-fpm-alpine\nCMD [\"php-fpm\"]\n"), "DD2010"), 0);
}

TEST(DaemonizingCommand, ForegroundConfiguredInARun) {
  EXPECT_EQ(count(lint("FROM alpine:3.20\nRUN echo '[global]' > f.conf && echo 'daemonize = no' >> f.conf\n"
                       "CMD [\"php-fpm\"]\n"),
                  "DD2010"),
            0);
}

TEST(DaemonizingCommand, EntrypointTakesCmdAsArguments) {
  EXPECT_EQ(count(lint("FROM nginx:1.27\nENTRYPOINT [\"nginx\"]\nCMD [\"-g\", \"daemon off;\"]\n"), "DD2010"), 0);
  EXPECT_EQ(count(lint("FROM nginx:1.27\nENTRYPOINT [\"nginx\"]\nCMD [\"-c\", \"/etc/nginx/nginx.conf\"]\n"), "DD2010"),
            1);
}

TEST(DaemonizingCommand, OnlyTheFinalStageCounts) {
  EXPECT_EQ(count(lint("FROM debian:bookworm AS build\nCMD nginx\nFROM gcr.io/distroless/static-debian12\n"
                       "CMD [\"/app\"]\n"),
                  "DD2010"),
            0);
}

}  // namespace dd::test
