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

}  // namespace dd::test
