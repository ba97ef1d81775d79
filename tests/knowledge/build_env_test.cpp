#include "knowledge/build_env.h"

#include <gtest/gtest.h>

#include <string>

#include "knowledge/heap.h"

namespace dd::kb {
namespace {

TEST(BuildEnv, EveryPredefinedArgRow) {
  for (const auto& a : predefined_args()) {
    EXPECT_EQ(predefined_arg(a.name), &a) << a.name << ": one row per name";
    EXPECT_TRUE(predefined_in_from(a.name)) << a.name;
    std::string n(a.name);
    switch (a.kind) {
      case BuildArgKind::platform:
        EXPECT_TRUE(n.starts_with("TARGET") || n.starts_with("BUILD")) << n;
        break;
      case BuildArgKind::proxy:
        EXPECT_TRUE(n.find("_PROXY") != std::string::npos || n.find("_proxy") != std::string::npos) << n;
        break;
      case BuildArgKind::buildkit:
        EXPECT_TRUE(n.starts_with("BUILDKIT_")) << n;
        break;
      case BuildArgKind::reproducible:
        EXPECT_EQ(n, "SOURCE_DATE_EPOCH");
        break;
    }
  }
  for (const char* n : {"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS",
                        "BUILDARCH", "BUILDVARIANT", "HTTP_PROXY", "https_proxy", "NO_PROXY", "BUILDKIT_INLINE_CACHE"})
    EXPECT_NE(predefined_arg(n), nullptr) << n;
  for (const char* n : {"VERSION", "targetarch", "PATH", "NODE_VERSION", ""}) EXPECT_EQ(predefined_arg(n), nullptr) << n;
  EXPECT_EQ(predefined_arg("TARGETARCH")->kind, BuildArgKind::platform);
}

TEST(BuildEnv, EveryDefaultVariableRow) {
  for (const auto& v : default_env()) {
    EXPECT_EQ(default_var(v.name), &v) << v.name;
    EXPECT_TRUE(v.build || v.container || v.process) << v.name;
    EXPECT_EQ(set_by_default_in_build(v.name), v.build || v.container) << v.name;
  }
  for (const char* n : {"PATH", "HOME", "HOSTNAME"}) EXPECT_TRUE(set_by_default_in_build(n)) << n;
  for (const char* n : {"APP_HOME", "NODE_ENV", "path", "GOPATH"}) EXPECT_FALSE(set_by_default_in_build(n)) << n;
  EXPECT_TRUE(default_var("PATH")->build) << "BuildKit sets its default PATH in every stage";
  EXPECT_EQ(kDefaultPath, "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
}

TEST(Heap, FlagsOfTheJvmAndNode) {
  auto f = heap_flags("java -Xmx2g -XX:MaxRAMPercentage=75.0 -XX:ActiveProcessorCount=2 -jar app.jar");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].text, "-Xmx2g");
  EXPECT_EQ(f[0].bytes, 2LL << 30);
  EXPECT_DOUBLE_EQ(f[1].percent, 75.0);
  EXPECT_TRUE(f[2].active_processor_count);
  f = heap_flags("'--max-old-space-size=4096'; node --max_old_space_size 512 server.js");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].bytes, 4096LL << 20);
  EXPECT_TRUE(f[0].node);
  EXPECT_EQ(f[1].text, "--max_old_space_size 512");
  EXPECT_EQ(f[1].bytes, 512LL << 20);
  f = heap_flags("sh -c \"JAVA_OPTS=-Xmx512m exec java -XX:MaxHeapSize=1G -jar a.jar\"");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].bytes, 512LL << 20);
  EXPECT_EQ(f[1].bytes, 1LL << 30);
  // Not flags, or not sizes: nothing.
  for (const char* t : {"-Xmxhuge", "--max-old-space-size=lots", "-XX:MaxRAMPercentage=abc", "-XX:MaxRAMPercentage=150",
                        "-Xms512m", "", "   ", "--max-old-space-size"})
    EXPECT_TRUE(heap_flags(t).empty()) << t;
}

}  // namespace
}  // namespace dd::kb
