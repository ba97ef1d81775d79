#include "rule_test.h"

namespace dd::test {

TEST(UntrustedRegistry, EmptyListIsClean) { EXPECT_EQ(count(lint("FROM evil.example.com/x:1\n"), "DD1031"), 0); }

TEST(UntrustedRegistry, FlagsRegistryOutsideList) {
  Config cfg;
  cfg.trusted_registries = {"registry.acme.io", "*.corp.example"};
  auto f = only(lint("FROM registry.acme.io/base:1 AS a\nFROM ghcr.io/x/y:1\nFROM docker.corp.example/z:2\nFROM a\nFROM node:20\n", cfg), "DD1031");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_NE(f[0].message.find("ghcr.io"), std::string::npos);
  EXPECT_EQ(f[1].location.line, 5);
  EXPECT_NE(f[1].message.find("docker.io"), std::string::npos);
}

// The registry is read by the one reference parser: Docker Hub however it
// is written, a registry port, localhost.
TEST(UntrustedRegistry, ReadsReferencesAsTheEngineDoes) {
  Config cfg;
  cfg.trusted_registries = {"registry.acme.io"};
  auto f = only(lint("FROM docker.io/library/node:20\nFROM index.docker.io/library/python:3.13\n"
                     "FROM localhost:5000/team/app:1\nFROM registry.acme.io/base:2\n",
                     cfg),
                "DD1031");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_NE(f[0].message.find("pulls from docker.io"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].fix, "FROM registry.acme.io/node:20");
  EXPECT_NE(f[1].message.find("pulls from docker.io,"), std::string::npos) << f[1].message;
  EXPECT_EQ(f[1].fix, "FROM registry.acme.io/python:3.13");
  EXPECT_NE(f[2].message.find("pulls from localhost:5000,"), std::string::npos) << f[2].message;
  EXPECT_EQ(f[2].fix, "FROM registry.acme.io/team/app:1");
  // Docker Hub on the list trusts every spelling of it.
  cfg.trusted_registries = {"docker.io"};
  EXPECT_EQ(count(lint("FROM index.docker.io/library/node:20\nFROM node:20\nFROM registry-1.docker.io/x/y:1\n", cfg),
                  "DD1031"),
            0);
}

}  // namespace dd::test
