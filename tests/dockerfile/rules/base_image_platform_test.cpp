#include <map>
#include <memory>
#include <set>

#include "fake_image_store.h"
#include "rule_test.h"

namespace dd::test {
namespace {

struct Fixture {
  std::shared_ptr<FakeImageStore> store = std::make_shared<FakeImageStore>();
  Config config;
  Fixture() {
    store->images["arm:1"].image = {"sha256:aaaa", {"linux", "arm64", ""}, {}, {}};
    store->images["amd:1"].image = {"sha256:bbbb", {"linux", "amd64", ""}, {}, {}};
    store->images["armv6:1"].image = {"sha256:cccc", {"linux", "arm", "v6"}, {}, {}};
    config.images = store;
  }
};

TEST(BaseImagePlatform, ForeignLocalImageIsAnError) {
  Fixture fx;
  auto f = only(lint("FROM arm:1\nRUN echo hi\n", fx.config), "DD1142");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_EQ(f[0].category, Category::arch_mismatch);
  EXPECT_EQ(f[0].location.line, 1);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(f[0].location.end_column, 11);
  EXPECT_NE(f[0].message.find("the local image is linux/arm64, the build is for linux/amd64"), std::string::npos)
      << f[0].message;
  EXPECT_NE(f[0].root_cause.find("exec format error"), std::string::npos);
  EXPECT_NE(f[0].fix.find("docker pull --platform linux/amd64 arm:1"), std::string::npos) << f[0].fix;
}

TEST(BaseImagePlatform, MatchingMissingStageAndScratchAreClean) {
  Fixture fx;
  const char* df =
      "FROM amd:1 AS a\n"
      "FROM nosuch:2 AS b\n"
      "FROM a\n"
      "FROM scratch\n";
  EXPECT_EQ(count(lint(df, fx.config), "DD1142"), 0);
  // Stages and scratch are never asked for (other rules may ask for the same images).
  std::set<std::string> asked(fx.store->asked.begin(), fx.store->asked.end());
  EXPECT_EQ(asked, (std::set<std::string>{"amd:1", "nosuch:2"}));
}

TEST(BaseImagePlatform, TargetPlatformAndFromPlatformDecide) {
  Fixture fx;
  fx.config.platforms = {{"linux", "arm64", ""}};
  EXPECT_EQ(count(lint("FROM arm:1\n", fx.config), "DD1142"), 0);
  auto f = only(lint("FROM amd:1\n", fx.config), "DD1142");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("linux/amd64, the build is for linux/arm64"), std::string::npos) << f[0].message;
  // $BUILDPLATFORM is the engine's platform whatever the target.
  EXPECT_EQ(count(lint("FROM --platform=$BUILDPLATFORM amd:1\n", fx.config), "DD1142"), 0);
  EXPECT_EQ(count(lint("FROM --platform=$BUILDPLATFORM arm:1\n", fx.config), "DD1142"), 1);
  // A constant --platform wins over the target; ${TARGETOS}/${TARGETARCH} follow it.
  EXPECT_EQ(count(lint("FROM --platform=linux/amd64 amd:1\n", fx.config), "DD1142"), 0);
  EXPECT_EQ(count(lint("FROM --platform=${TARGETOS}/${TARGETARCH} arm:1\n", fx.config), "DD1142"), 0);
  // Several targets: each one the image cannot serve is named.
  fx.config.platforms = {{"linux", "amd64", ""}, {"linux", "arm64", ""}};
  f = only(lint("FROM amd:1\n", fx.config), "DD1142");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("the build is for linux/arm64"), std::string::npos) << f[0].message;
}

TEST(BaseImagePlatform, ArgsResolveAndUnresolvedAreSkipped) {
  Fixture fx;
  auto f = only(lint("ARG BASE=arm:1\nFROM ${BASE}\n", fx.config), "DD1142");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("FROM ${BASE} (arm:1)"), std::string::npos) << f[0].message;
  EXPECT_EQ(count(lint("FROM ${NOPE}\nFROM --platform=$NOPE arm:1\n", fx.config), "DD1142"), 0);
}

TEST(BaseImagePlatform, OlderArmVariantRunsOnNewer) {
  Fixture fx;
  fx.config.platforms = {{"linux", "arm", "v7"}};
  EXPECT_EQ(count(lint("FROM armv6:1\n", fx.config), "DD1142"), 0);
  fx.config.platforms = {{"linux", "arm", "v5"}};
  EXPECT_EQ(count(lint("FROM armv6:1\n", fx.config), "DD1142"), 1);
}

TEST(BaseImagePlatform, OffWithoutAStore) {
  EXPECT_EQ(count(lint("FROM arm:1\n"), "DD1142"), 0);
}

TEST(Platform, ParsesAndNormalizesAsContainerd) {
  EXPECT_EQ(Platform::parse("linux/amd64")->str(), "linux/amd64");
  EXPECT_EQ(Platform::parse("linux/x86_64")->str(), "linux/amd64");
  EXPECT_EQ(Platform::parse("linux/aarch64")->str(), "linux/arm64");
  EXPECT_EQ(Platform::parse("linux/arm64/v8")->str(), "linux/arm64");
  EXPECT_EQ(Platform::parse("linux/arm")->str(), "linux/arm/v7");
  EXPECT_EQ(Platform::parse("linux/armhf")->str(), "linux/arm/v7");
  EXPECT_EQ(Platform::parse("linux/arm/6")->str(), "linux/arm/v6");
  EXPECT_EQ(Platform::parse("arm64")->str(), "linux/arm64");
  EXPECT_EQ(Platform::parse("Linux/AMD64")->str(), "linux/amd64");
  EXPECT_FALSE(Platform::parse(""));
  EXPECT_FALSE(Platform::parse("linux/"));
  EXPECT_FALSE(Platform::parse("linux/arm/v7/x"));
  EXPECT_FALSE(Platform::parse("linux/a m d"));
  std::string bad;
  EXPECT_FALSE(parse_platforms("linux/amd64,,linux/arm64", &bad));
  EXPECT_EQ(parse_platforms("linux/amd64, linux/arm64")->size(), 2u);
  EXPECT_TRUE(Platform::parse("linux/arm64")->runs_as(*Platform::parse("linux/arm64/v8")));
  EXPECT_FALSE(Platform::parse("linux/arm64")->runs_as(*Platform::parse("linux/amd64")));
  EXPECT_FALSE(Platform::parse("windows/amd64")->runs_as(*Platform::parse("linux/amd64")));
}

}  // namespace
}  // namespace dd::test
