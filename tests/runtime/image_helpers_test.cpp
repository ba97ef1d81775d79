// The real-image helpers that the image, engine and Kubernetes tests build
// on: a Debian minbase from debootstrap, and a `docker build --network host`
// whose RUN step installs a package with apt-get.
#include <gtest/gtest.h>

#include "docker_images.h"
#include "helpers.h"

namespace dd::test {
namespace {

TEST(ImageHelpers, DebianMinbaseRuns) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  std::string img = debian_image();
  ASSERT_FALSE(img.empty()) << "debootstrap image could not be built";
  auto r = docker({"run", "--rm", "--network", "none", img, "cat", "/etc/debian_version"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("12.", 0), 0u) << r.out;
}

TEST(ImageHelpers, BuildWithHostNetworkCanUseApt) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  std::string base = debian_image();
  ASSERT_FALSE(base.empty());
  TempDir d;
  d.write("Dockerfile", "FROM " + base +
                            "\nRUN apt-get update && apt-get install -y --no-install-recommends hello "
                            "&& rm -rf /var/lib/apt/lists/*\nCMD [\"hello\"]\n");
  const std::string tag = "drydock-test/apt-hello:latest";
  ASSERT_TRUE(docker_build(d.path(), tag, {"--network", "host"}));
  auto r = docker({"run", "--rm", "--network", "none", tag});
  docker({"rmi", "-f", tag});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Hello, world!"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace dd::test
