#include "rule_test.h"

namespace dd::test {

TEST(LogsToFile, RedirectInCmd) {
  auto f = only(lint("FROM python:3.12-slim\nCMD python app.py >> /var/log/app.log 2>&1\n"), "DD2080");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_NE(f[0].message.find("/var/log/app.log"), std::string::npos);
}

TEST(LogsToFile, LogFileFlag) {
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nCMD [\"gunicorn\", \"--log-file\", \"/var/log/g.log\", \"app:app\"]\n"),
                  "DD2080"),
            1);
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nCMD [\"gunicorn\", \"--access-logfile\", \"-\", \"app:app\"]\n"),
                  "DD2080"),
            0);
}

TEST(LogsToFile, NginxConfigFromContext) {
  TempDir dir;
  dir.write("site.conf", "server {\n  access_log /var/log/nginx/site.log;\n}\n");
  auto f = only(lint_in(dir, "FROM nginx:1.27\nCOPY site.conf /etc/nginx/conf.d/\n"), "DD2080");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(count(lint("FROM ubuntu:24.04\nRUN apt-get install -y nginx\n"), "DD2080"), 1);
}

}  // namespace dd::test
