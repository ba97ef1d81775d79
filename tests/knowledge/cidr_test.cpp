// kb::ip_in_cidr, as NetworkPolicy ipBlock peers use it.
#include <gtest/gtest.h>

#include "knowledge/address.h"

using dd::kb::ip_in_cidr;

TEST(IpInCidr, V4AndV6) {
  EXPECT_EQ(ip_in_cidr("10.1.2.3", "10.0.0.0/8"), true);
  EXPECT_EQ(ip_in_cidr("11.1.2.3", "10.0.0.0/8"), false);
  EXPECT_EQ(ip_in_cidr("203.0.113.200", "203.0.113.128/25"), true);
  EXPECT_EQ(ip_in_cidr("203.0.113.127", "203.0.113.128/25"), false);
  EXPECT_EQ(ip_in_cidr("8.8.8.8", "0.0.0.0/0"), true);
  EXPECT_EQ(ip_in_cidr("192.168.1.1", "192.168.1.1"), true);  // a bare address is a /32
  EXPECT_EQ(ip_in_cidr("192.168.1.2", "192.168.1.1"), false);
  EXPECT_EQ(ip_in_cidr("2001:db8::1", "2001:db8::/32"), true);
  EXPECT_EQ(ip_in_cidr("[2001:db9::1]", "2001:db8::/32"), false);
  // Mixed families, bad prefixes and names do not decide anything.
  EXPECT_EQ(ip_in_cidr("10.0.0.1", "::/0"), std::nullopt);
  EXPECT_EQ(ip_in_cidr("10.0.0.1", "10.0.0.0/33"), std::nullopt);
  EXPECT_EQ(ip_in_cidr("10.0.0.1", "10.0.0.0/x"), std::nullopt);
  EXPECT_EQ(ip_in_cidr("db", "10.0.0.0/8"), std::nullopt);
}
