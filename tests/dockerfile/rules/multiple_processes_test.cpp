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

}  // namespace dd::test
