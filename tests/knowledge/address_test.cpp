#include "knowledge/address.h"

#include <gtest/gtest.h>

using dd::kb::is_loopback_host;
using dd::kb::parse_host_port;
using dd::kb::points_at_loopback;

TEST(Address, LoopbackIsParsedNotMatched) {
  for (const char* h : {"localhost", "LOCALHOST", "localhost.", "localhost.localdomain", "app.localhost", "127.0.0.1",
                        "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "ip6-localhost"})
    EXPECT_TRUE(is_loopback_host(h)) << h;
  for (const char* h : {"10.127.0.5", "128.0.0.1", "mylocalhost", "localhost-db", "db", "", "::2", "1.127.0.0",
                        "127.0.0.1.example.com"})
    EXPECT_FALSE(is_loopback_host(h)) << h;
  EXPECT_TRUE(dd::kb::is_unspecified_host("0.0.0.0"));
  EXPECT_TRUE(dd::kb::is_unspecified_host("::"));
  EXPECT_FALSE(dd::kb::is_unspecified_host("0.0.0.1"));
}

TEST(Address, HostOfEveryConnectionStringForm) {
  struct Row {
    const char* value;
    const char* host;
    int port;
  } rows[] = {
      {"postgres://user:pw@db:5432/app", "db", 5432},
      {"redis://127.0.0.1", "127.0.0.1", 0},
      {"localhost:6379", "localhost", 6379},
      {"[::1]:8080", "::1", 8080},
      {"http://localhost/health", "localhost", 0},
      {"user:pw@tcp(127.0.0.1:3306)/db", "127.0.0.1", 3306},
      {"jdbc:postgresql://localhost/db", "localhost", 0},
      {"amqp://guest:guest@rabbitmq:5672/", "rabbitmq", 5672},
      {"db.internal", "db.internal", 0},
  };
  for (const auto& r : rows) {
    auto hp = parse_host_port(r.value);
    ASSERT_TRUE(hp) << r.value;
    EXPECT_EQ(hp->host, r.host) << r.value;
    EXPECT_EQ(hp->port, r.port) << r.value;
  }
  EXPECT_FALSE(parse_host_port("some text with spaces"));
  EXPECT_FALSE(parse_host_port("host:notaport"));
  EXPECT_FALSE(parse_host_port(""));
}

TEST(Address, PointsAtLoopback) {
  EXPECT_TRUE(points_at_loopback("mongodb://a:27017,localhost:27018/db"));
  EXPECT_TRUE(points_at_loopback("redis://127.0.0.1:6379"));
  EXPECT_TRUE(points_at_loopback("db1:5432,localhost:5433"));
  EXPECT_FALSE(points_at_loopback("http://10.127.0.5:8080"));
  EXPECT_FALSE(points_at_loopback("postgres://mylocalhost/db"));
  EXPECT_FALSE(points_at_loopback("true"));
}
