#include "rule_test.h"

namespace dd::test {

TEST(LogsToFile, RedirectInCmd) {
  auto f = only(lint("FROM python:3.12-slim\nCMD python app.py >> /var/log/app.log 2>&1\n"), "DD2080");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_NE(f[0].message.find("/var/log/app.log"), std::string::npos);
}

// 2>&1, >&2, 1>&2 duplicate a descriptor; they name no file called "1".
TEST(LogsToFile, DescriptorDuplicationIsNotAFile) {
  for (const char* cmd : {"CMD python app.py 2>&1\n", "CMD python app.py >&2\n", "CMD python app.py 1>&2\n",
                          "CMD python app.py &>/dev/null\n", "CMD exec python app.py 2>&1 | tee /dev/stderr\n",
                          "CMD python app.py 2>&-\n"})
    EXPECT_EQ(count(lint(std::string("FROM python:3.12-slim\n") + cmd), "DD2080"), 0) << cmd;
  // A real file after them still counts.
  auto f = only(lint("FROM python:3.12-slim\nCMD python app.py 2>&1 > /var/log/app.log\n"), "DD2080");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("/var/log/app.log"), std::string::npos) << f[0].message;
  EXPECT_EQ(count(lint("FROM python:3.12-slim\nCMD python app.py &> app.log\n"), "DD2080"), 1);
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
